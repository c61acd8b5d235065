DESC="a CPU without long mode (a 486) is refused on the serial console, and panic=exit ends the run"
ENTRY=zero
QEMU_EXTRA="-cpu 486"
EXPECT_EXIT=panic
EXPECT="zero: this CPU has no 64-bit long mode"
