# Timers: the tick, TSC calibration and callouts (role tmr).
MODULE := tmr
SRCS := tmr_mod.c callout.c
