# The example module of doc/modules.md (role example, example=hello).
# See doc/modules.md: MODULE names build/modules/<MODULE>.ko, SRCS are
# relative to this folder.
MODULE := hello
SRCS := hello.c
