DESC="the in-guest suite under /sbin/init with the zone allocator in debug mode (red zones, poisoning, double-free checks)"
ENTRY=zero
APPEND="init=/sbin/init init.INITTAB=/etc/inittab.suite zone.debug"
. tests/qemu/user_suite.inc
