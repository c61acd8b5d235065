# Stride scheduler (role sched, sched=stride).
MODULE := stride
SRCS := stride.c stride_mod.c
