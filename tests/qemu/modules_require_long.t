DESC="a required role name too long for any role is a clean panic naming it"
ENTRY=zero
APPEND="require=example,abcdefghijklmnopqrstuvwxyz0123456789"
EXPECT_EXIT=panic
EXPECT="panic: required role 'abcdefghijklmnopqrstuvwxyz0123456789' has no working provider and no built-in fallback"
