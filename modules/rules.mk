# modules: each builds into $(B)/modules/<name>.ko with `ld -r`.
