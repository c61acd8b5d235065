DESC="quiet after the entry's loglevel=6 wins: the console shows no info lines"
ENTRY=zero
APPEND="quiet"
EXPECT_EXIT=pass
EXPECT="Booting"
REJECT="module hello 1.0.0
boot: complete"
