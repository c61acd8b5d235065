# Physical pages: the buddy allocator (role page).
MODULE := page
SRCS := buddy_alloc.c buddy_frames.c buddy_ops.c buddy_reclaim.c buddy_takeover.c \
	page_buddy_mod.c
