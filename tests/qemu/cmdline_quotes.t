DESC="quoted words reach the kernel and modules as GRUB hands them over; a wrapping loglevel is a warning"
ENTRY=zero
OMIT=hello
APPEND='mem=\"tlsf\" crash="no such" loglevel=4294967296'
MODULES='hello:greeting="big world" x=a\"b'
EXPECT_EXIT=pass
EXPECT="boot: loglevel=4294967296: out of range (expected 0..7); keeping the default
command line 'loglevel=6 sched=zero mem=zone example=hello root=LABEL=zero-root panic=exit halt=exit mem=\\\"tlsf\\\" \"crash=no such\" loglevel=4294967296'
module zone: not loaded: mem=tlsf picks 'tlsf' for role 'mem'
hello: loaded with args 'greeting=\"big world\" x=\"a\\\"b\"'
boot: unknown crash= kind 'no such'"
