DESC="entry zero-ata: /sbin/init runs the in-guest suite from /etc/inittab and powers off"
ENTRY=zero-ata
APPEND="init=/sbin/init init.INITTAB=/etc/inittab.suite"
. tests/qemu/user_suite.inc
