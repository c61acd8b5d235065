# user: libc, init, the shell and tools arrive with the system-call issue.
