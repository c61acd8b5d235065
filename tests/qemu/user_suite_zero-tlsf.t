DESC="entry zero-tlsf: /sbin/init runs the in-guest suite from /etc/inittab and powers off"
ENTRY=zero-tlsf
APPEND="init=/sbin/init init.INITTAB=/etc/inittab.suite"
. tests/qemu/user_suite.inc
