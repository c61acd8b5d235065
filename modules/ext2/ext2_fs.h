/**
 * @file ext2_fs.h
 * @brief The on-disk format of ext2 revision 1 (private to modules/ext2).
 * @ingroup ext2
 *
 * Every number on the disk is little-endian, as x86-64 is: the structures
 * are read in place. Names follow the ext2 specification ("The Second
 * Extended File System", Dave Poirier) so that they can be checked
 * against it.
 */
#ifndef EXT2_FS_H_
#define EXT2_FS_H_

#include <stdint.h>

/** Byte offset of the superblock on the device. */
#define EXT2_SB_OFFSET 1024
/** s_magic. */
#define EXT2_MAGIC 0xEF53
/** The root directory's inode. */
#define EXT2_ROOT_INO 2
/** The resize inode (resize_inode): its blocks are never touched. */
#define EXT2_RESIZE_INO 7
/** Inode size of revision 0. */
#define EXT2_GOOD_OLD_INODE_SIZE 128
/** s_state: cleanly unmounted. */
#define EXT2_VALID_FS 1
/** s_state: errors were found. */
#define EXT2_ERROR_FS 2
/** Block pointers in an inode: 12 direct, single, double, triple indirect. */
#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK	 12 /**< i_block[] index of the single indirect block. */
#define EXT2_DIND_BLOCK	 13 /**< ...of the double indirect block. */
#define EXT2_TIND_BLOCK	 14 /**< ...of the triple indirect block. */
#define EXT2_N_BLOCKS	 15 /**< Entries of i_block[]. */

/** @name Feature bits (s_feature_compat, _incompat, _ro_compat)
 * @{ */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC  0x0001 /**< Directory preallocation. */
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES 0x0002 /**< AFS magic inodes. */
#define EXT3_FEATURE_COMPAT_HAS_JOURNAL                                                            \
	0x0004 /**< A journal (inode 8): ignored while no recovery is needed. */
#define EXT2_FEATURE_COMPAT_EXT_ATTR 0x0008 /**< Extended attribute blocks. */
#define EXT2_FEATURE_COMPAT_RESIZE_INODE                                                           \
	0x0010				     /**< Reserved GDT blocks for resizing (inode 7).      \
					      */
#define EXT2_FEATURE_COMPAT_DIR_INDEX 0x0020 /**< Hash-tree directories (read linearly). */

#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002 /**< Directory entries carry the file type. */
#define EXT3_FEATURE_INCOMPAT_RECOVER  0x0004 /**< The journal needs replaying. */
#define EXT4_FEATURE_INCOMPAT_FLEX_BG                                                              \
	0x0200 /**< Bitmaps and inode tables may sit in other groups. */

#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER                                                        \
	0x0001 /**< Superblock copies in groups 0, 1 and powers of 3, 5, 7 only. */
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002 /**< Files of 2 GiB and more (i_size_high). */
/** @} */

/** i_flags: a directory indexed by a hash tree (read linearly here). */
#define EXT2_INDEX_FL 0x00001000
/** i_flags: the file's blocks are extents (never with the features we accept). */
#define EXT4_EXTENTS_FL 0x00080000
/** i_flags: inline data. */
#define EXT4_INLINE_DATA_FL 0x10000000

/** @name Directory entry file types (filetype feature)
 * @{ */
#define EXT2_FT_UNKNOWN	 0 /**< Not known. */
#define EXT2_FT_REG_FILE 1 /**< Regular file. */
#define EXT2_FT_DIR	 2 /**< Directory. */
#define EXT2_FT_CHRDEV	 3 /**< Character device. */
#define EXT2_FT_BLKDEV	 4 /**< Block device. */
#define EXT2_FT_FIFO	 5 /**< FIFO. */
#define EXT2_FT_SOCK	 6 /**< Socket. */
#define EXT2_FT_SYMLINK	 7 /**< Symbolic link. */
/** @} */

/** The superblock (the fields this driver uses, at their offsets; 1024 bytes). */
struct ext2_super {
	uint32_t s_inodes_count;      /**< Inodes. */
	uint32_t s_blocks_count;      /**< Blocks. */
	uint32_t s_r_blocks_count;    /**< Blocks reserved for root. */
	uint32_t s_free_blocks_count; /**< Free blocks. */
	uint32_t s_free_inodes_count; /**< Free inodes. */
	uint32_t s_first_data_block;  /**< Block of the superblock (1 with 1 KiB blocks, else 0). */
	uint32_t s_log_block_size;    /**< Block size is 1024 << this. */
	uint32_t s_log_frag_size;     /**< Fragment size (= block size). */
	uint32_t s_blocks_per_group;  /**< Blocks per group. */
	uint32_t s_frags_per_group;   /**< Fragments per group. */
	uint32_t s_inodes_per_group;  /**< Inodes per group. */
	uint32_t s_mtime;	      /**< Last mount time. */
	uint32_t s_wtime;	      /**< Last write time. */
	uint16_t s_mnt_count;	      /**< Mounts since the last check. */
	int16_t s_max_mnt_count;      /**< Mounts allowed before a check (-1: no limit). */
	uint16_t s_magic;	      /**< EXT2_MAGIC. */
	uint16_t s_state;	      /**< EXT2_VALID_FS, EXT2_ERROR_FS. */
	uint16_t s_errors;	      /**< What to do on errors. */
	uint16_t s_minor_rev_level;   /**< Minor revision. */
	uint32_t s_lastcheck;	      /**< Last check time. */
	uint32_t s_checkinterval;     /**< Seconds between checks. */
	uint32_t s_creator_os;	      /**< Creator OS. */
	uint32_t s_rev_level;	      /**< Revision: 0 or 1. */
	uint16_t s_def_resuid;	      /**< Default uid for reserved blocks. */
	uint16_t s_def_resgid;	      /**< Default gid for reserved blocks. */
	uint32_t s_first_ino;	      /**< First inode that is not reserved. */
	uint16_t s_inode_size;	      /**< Bytes per inode. */
	uint16_t s_block_group_nr;    /**< Group of this superblock copy. */
	uint32_t s_feature_compat;    /**< Compatible features. */
	uint32_t s_feature_incompat;  /**< Incompatible features. */
	uint32_t s_feature_ro_compat; /**< Read-only compatible features. */
	uint8_t s_uuid[16];	      /**< Volume UUID. */
	char s_volume_name[16];	      /**< Volume label. */
	char s_last_mounted[64];      /**< Where it was last mounted. */
	uint32_t s_algo_bitmap;	      /**< Compression. */
	uint8_t s_prealloc_blocks;    /**< Preallocation. */
	uint8_t s_prealloc_dir_blocks;	/**< Directory preallocation. */
	uint16_t s_reserved_gdt_blocks; /**< Reserved GDT blocks (resize_inode). */
	uint8_t s_journal_uuid[16];	/**< UUID of an external journal (unsupported). */
	uint32_t s_journal_inum;	/**< Inode of the journal file (8). */
	uint32_t s_journal_dev;		/**< Device of an external journal (unsupported). */
	uint32_t s_last_orphan;		/**< Head of the orphan inode list. */
	uint8_t s_rest[788];		/**< The rest, kept as it is. */
};

/** A block group descriptor (32 bytes). */
struct ext2_group_desc {
	uint32_t bg_block_bitmap;      /**< Block of the block bitmap. */
	uint32_t bg_inode_bitmap;      /**< Block of the inode bitmap. */
	uint32_t bg_inode_table;       /**< First block of the inode table. */
	uint16_t bg_free_blocks_count; /**< Free blocks. */
	uint16_t bg_free_inodes_count; /**< Free inodes. */
	uint16_t bg_used_dirs_count;   /**< Directories. */
	uint16_t bg_flags;	       /**< uninit_bg flags. */
	uint8_t bg_reserved[12];       /**< The rest. */
};

/** An inode (its first 128 bytes; a larger inode keeps the rest as it is). */
struct ext2_inode {
	uint16_t i_mode;		 /**< Type and permission bits. */
	uint16_t i_uid;			 /**< Owner, low 16 bits. */
	uint32_t i_size;		 /**< Size, low 32 bits. */
	uint32_t i_atime;		 /**< Access time. */
	uint32_t i_ctime;		 /**< Inode change time. */
	uint32_t i_mtime;		 /**< Modification time. */
	uint32_t i_dtime;		 /**< Deletion time. */
	uint16_t i_gid;			 /**< Group, low 16 bits. */
	uint16_t i_links_count;		 /**< Names. */
	uint32_t i_blocks;		 /**< 512-byte sectors held, with indirect blocks. */
	uint32_t i_flags;		 /**< EXT2_*_FL. */
	uint32_t i_osd1;		 /**< OS dependent. */
	uint32_t i_block[EXT2_N_BLOCKS]; /**< Block map (or a fast symlink's target, rdev). */
	uint32_t i_generation;		 /**< File version (NFS). */
	uint32_t i_file_acl;		 /**< Extended attribute block. */
	uint32_t i_size_high;		 /**< Size, high 32 bits (large_file; i_dir_acl). */
	uint32_t i_faddr;		 /**< Fragment address. */
	uint8_t i_osd2_frag[4];		 /**< Fragment number and size, l_i_blocks_hi. */
	uint16_t i_uid_high;		 /**< Owner, high 16 bits. */
	uint16_t i_gid_high;		 /**< Group, high 16 bits. */
	uint32_t i_osd2_rest;		 /**< The rest of osd2. */
};

/** What follows the 128 bytes in a large inode (when i_extra_isize covers it). */
struct ext2_inode_extra {
	uint16_t i_extra_isize; /**< Bytes used past 128. */
	uint16_t i_checksum_hi; /**< metadata_csum. */
	uint32_t i_ctime_extra; /**< (ns << 2) | epoch bits. */
	uint32_t i_mtime_extra; /**< Same for mtime. */
	uint32_t i_atime_extra; /**< Same for atime. */
};

/** A directory entry (ext2_dir_entry_2: with a file type). */
struct ext2_dirent {
	uint32_t inode;	   /**< Inode number, 0: unused. */
	uint16_t rec_len;  /**< Bytes to the next entry. */
	uint8_t name_len;  /**< Length of the name. */
	uint8_t file_type; /**< EXT2_FT_* (filetype feature). */
	char name[];	   /**< The name, not NUL-terminated. */
};

/** Bytes an entry with a name of @p len bytes needs. */
#define EXT2_DIRENT_LEN(len) ((8u + (unsigned)(len) + 3u) & ~3u)

/** @cond */
_Static_assert(sizeof(struct ext2_super) == 1024, "superblock size");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group descriptor size");
_Static_assert(sizeof(struct ext2_inode) == 128, "inode size");
/** @endcond */

#endif /* EXT2_FS_H_ */
