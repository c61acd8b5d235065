DESC="a CPU without NX is refused with a message on the serial console, and panic=exit ends the run"
ENTRY=zero
QEMU_EXTRA="-cpu qemu64,-nx"
EXPECT_EXIT=panic
EXPECT="zero: this CPU has no NX (execute-disable) bit, which W^X needs"
