DESC="a page provider with a version-1 ops table (no batch members) still loads: no per-CPU lists, all of memory still allocated and given back"
ENTRY=zero
APPEND="page.ops=1 ktest=page_all_memory"
OMIT="buf,ext2"
EXPECT_EXIT=pass
EXPECT="page: buddy: registering ops version 1
page: the provider has no batch members (ops version 1): no per-CPU lists
ktest: 1 passed, 0 failed, 0 skipped"
REJECT="ktest: not ok"
