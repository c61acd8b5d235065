DESC="without a choice, the second provider of a role is refused by name"
ENTRY=zero
APPEND="example= ktest=example_role"
EXPECT_EXIT=pass
EXPECT="module hola: refused: second provider for role 'example' (already provided by 'hello')
roles: tmr=tmr page=page vm=vm mem=zone io=io example=hello
ktest: example provider 'hello' says"
