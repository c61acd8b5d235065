/**
 * @file loader/elf64.h
 * @brief ELF-64 object file structures and constants used by the module linker.
 * @ingroup loader
 *
 * Written from the ELF-64 Object File Format specification (version 1.5)
 * and the System V AMD64 psABI; only what a relocatable-object linker for
 * x86-64 needs. All structures are little-endian on disk and have no
 * padding, so they can be copied out of a file image with memcpy().
 */
#ifndef LOADER_ELF64_H_
#define LOADER_ELF64_H_

#include <stdint.h>

/** Size of the e_ident array. */
#define ELF_NIDENT 16
/** Index of the class byte in e_ident. */
#define ELF_EI_CLASS 4
/** Index of the data-encoding byte in e_ident. */
#define ELF_EI_DATA 5
/** Index of the file-version byte in e_ident. */
#define ELF_EI_VERSION 6
/** Class value: 64-bit objects. */
#define ELF_CLASS64 2
/** Data encoding: two's complement, little-endian. */
#define ELF_DATA2LSB 1
/** The only defined object file version. */
#define ELF_EV_CURRENT 1

/** Object file type: relocatable object. */
#define ELF_ET_REL 1
/** Object file type: executable. */
#define ELF_ET_EXEC 2
/** Object file type: shared object. */
#define ELF_ET_DYN 3
/** Machine: AMD x86-64. */
#define ELF_EM_X86_64 62

/** Undefined section index. */
#define ELF_SHN_UNDEF 0
/** First reserved section index. */
#define ELF_SHN_LORESERVE 0xff00
/** Symbol has an absolute value. */
#define ELF_SHN_ABS 0xfff1
/** Symbol is a tentative (common) definition. */
#define ELF_SHN_COMMON 0xfff2
/** Index lives in an extended section-index table. */
#define ELF_SHN_XINDEX 0xffff

/** Section type: inactive header. */
#define ELF_SHT_NULL 0
/** Section type: program-defined contents. */
#define ELF_SHT_PROGBITS 1
/** Section type: symbol table. */
#define ELF_SHT_SYMTAB 2
/** Section type: string table. */
#define ELF_SHT_STRTAB 3
/** Section type: relocations with explicit addends. */
#define ELF_SHT_RELA 4
/** Section type: occupies no file space (.bss). */
#define ELF_SHT_NOBITS 8
/** Section type: relocations without addends. */
#define ELF_SHT_REL 9
/** Section type: dynamic symbol table. */
#define ELF_SHT_DYNSYM 11
/** Section type: array of constructors. */
#define ELF_SHT_INIT_ARRAY 14
/** Section type: array of destructors. */
#define ELF_SHT_FINI_ARRAY 15
/** Section type: array of pre-constructors. */
#define ELF_SHT_PREINIT_ARRAY 16
/** Section type: section group. */
#define ELF_SHT_GROUP 17
/** Section type: extended section indices of a symbol table. */
#define ELF_SHT_SYMTAB_SHNDX 18

/** Section flag: writable at run time. */
#define ELF_SHF_WRITE 0x1
/** Section flag: occupies memory at run time. */
#define ELF_SHF_ALLOC 0x2
/** Section flag: contains executable instructions. */
#define ELF_SHF_EXECINSTR 0x4
/** Section flag: holds thread-local storage. */
#define ELF_SHF_TLS 0x400

/** Symbol binding: local. */
#define ELF_STB_LOCAL 0
/** Symbol binding: global. */
#define ELF_STB_GLOBAL 1
/** Symbol binding: weak. */
#define ELF_STB_WEAK 2
/** Symbol type: data object. */
#define ELF_STT_OBJECT 1
/** Symbol type: function. */
#define ELF_STT_FUNC 2
/** Symbol type: section. */
#define ELF_STT_SECTION 3
/** Symbol type: thread-local object. */
#define ELF_STT_TLS 6
/** Symbol type: GNU indirect function. */
#define ELF_STT_GNU_IFUNC 10

/**
 * @brief Extract the binding from st_info.
 * @param info the st_info byte of a symbol.
 */
#define ELF_ST_BIND(info) ((unsigned)(info) >> 4)
/**
 * @brief Extract the type from st_info.
 * @param info the st_info byte of a symbol.
 */
#define ELF_ST_TYPE(info) ((unsigned)(info)&0xfu)
/**
 * @brief Extract the symbol-table index from r_info.
 * @param info the 64-bit r_info of a relocation.
 */
#define ELF_R_SYM(info) ((uint32_t)((uint64_t)(info) >> 32))
/**
 * @brief Extract the relocation type from r_info.
 * @param info the 64-bit r_info of a relocation.
 */
#define ELF_R_TYPE(info) ((uint32_t)((uint64_t)(info)&0xffffffffu))
/**
 * @brief Build r_info from a symbol index and a type.
 * @param sym symbol-table index.
 * @param type relocation type (R_X86_64_*).
 */
#define ELF_R_INFO(sym, type) (((uint64_t)(sym) << 32) | (uint32_t)(type))

/** No relocation. */
#define ELF_R_X86_64_NONE 0
/** Direct 64-bit: S + A. */
#define ELF_R_X86_64_64 1
/** PC-relative 32-bit signed: S + A - P. */
#define ELF_R_X86_64_PC32 2
/** 32-bit GOT entry. */
#define ELF_R_X86_64_GOT32 3
/** 32-bit PLT address: L + A - P (S + A - P without a PLT). */
#define ELF_R_X86_64_PLT32 4
/** Copy symbol at run time. */
#define ELF_R_X86_64_COPY 5
/** GOT entry of a data symbol. */
#define ELF_R_X86_64_GLOB_DAT 6
/** PLT entry of a function. */
#define ELF_R_X86_64_JUMP_SLOT 7
/** Base-relative: B + A. */
#define ELF_R_X86_64_RELATIVE 8
/** PC-relative 32-bit GOT offset. */
#define ELF_R_X86_64_GOTPCREL 9
/** Direct 32-bit zero-extended: S + A. */
#define ELF_R_X86_64_32 10
/** Direct 32-bit sign-extended: S + A. */
#define ELF_R_X86_64_32S 11
/** Direct 16-bit. */
#define ELF_R_X86_64_16 12
/** PC-relative 16-bit. */
#define ELF_R_X86_64_PC16 13
/** Direct 8-bit. */
#define ELF_R_X86_64_8 14
/** PC-relative 8-bit. */
#define ELF_R_X86_64_PC8 15
/** TLS module ID. */
#define ELF_R_X86_64_DTPMOD64 16
/** Offset in a TLS block. */
#define ELF_R_X86_64_DTPOFF64 17
/** Offset in the initial TLS block. */
#define ELF_R_X86_64_TPOFF64 18
/** General-dynamic TLS GOT entry. */
#define ELF_R_X86_64_TLSGD 19
/** Local-dynamic TLS GOT entry. */
#define ELF_R_X86_64_TLSLD 20
/** 32-bit offset in a TLS block. */
#define ELF_R_X86_64_DTPOFF32 21
/** Initial-exec TLS GOT entry. */
#define ELF_R_X86_64_GOTTPOFF 22
/** 32-bit offset in the initial TLS block. */
#define ELF_R_X86_64_TPOFF32 23
/** PC-relative 64-bit: S + A - P. */
#define ELF_R_X86_64_PC64 24
/** 64-bit offset to the GOT. */
#define ELF_R_X86_64_GOTOFF64 25
/** 32-bit PC-relative offset to the GOT. */
#define ELF_R_X86_64_GOTPC32 26
/** Symbol size, 32-bit. */
#define ELF_R_X86_64_SIZE32 32
/** Symbol size, 64-bit. */
#define ELF_R_X86_64_SIZE64 33
/** Indirect function (ifunc) address. */
#define ELF_R_X86_64_IRELATIVE 37
/** Relaxable GOTPCREL. */
#define ELF_R_X86_64_GOTPCRELX 41
/** Relaxable GOTPCREL with a REX prefix. */
#define ELF_R_X86_64_REX_GOTPCRELX 42

/** @brief ELF-64 file header. */
struct elf64_ehdr {
	unsigned char e_ident[ELF_NIDENT]; /**< Magic, class, encoding, version, OS ABI. */
	uint16_t e_type;		   /**< Object file type (ELF_ET_*). */
	uint16_t e_machine;		   /**< Target machine (ELF_EM_*). */
	uint32_t e_version;		   /**< Object file version (ELF_EV_CURRENT). */
	uint64_t e_entry;		   /**< Entry point; 0 in relocatable objects. */
	uint64_t e_phoff;		   /**< Program header table file offset. */
	uint64_t e_shoff;		   /**< Section header table file offset. */
	uint32_t e_flags;		   /**< Processor-specific flags. */
	uint16_t e_ehsize;		   /**< Size of this header in bytes. */
	uint16_t e_phentsize;		   /**< Size of one program header entry. */
	uint16_t e_phnum;		   /**< Number of program header entries. */
	uint16_t e_shentsize;		   /**< Size of one section header entry. */
	uint16_t e_shnum;		   /**< Number of section header entries. */
	uint16_t e_shstrndx;		   /**< Index of the section-name string table. */
};

/** @brief ELF-64 section header. */
struct elf64_shdr {
	uint32_t sh_name;      /**< Offset of the name in the section-name string table. */
	uint32_t sh_type;      /**< Section type (ELF_SHT_*). */
	uint64_t sh_flags;     /**< Section attributes (ELF_SHF_*). */
	uint64_t sh_addr;      /**< Run-time address; 0 in relocatable objects. */
	uint64_t sh_offset;    /**< File offset of the contents. */
	uint64_t sh_size;      /**< Size in bytes (in memory for NOBITS). */
	uint32_t sh_link;      /**< Index of an associated section. */
	uint32_t sh_info;      /**< Extra information (target section of a RELA). */
	uint64_t sh_addralign; /**< Required alignment: 0 or a power of two. */
	uint64_t sh_entsize;   /**< Size of one entry for table sections. */
};

/** @brief ELF-64 symbol table entry. */
struct elf64_sym {
	uint32_t st_name;  /**< Offset of the name in the linked string table. */
	uint8_t st_info;   /**< Binding (high nibble) and type (low nibble). */
	uint8_t st_other;  /**< Visibility. */
	uint16_t st_shndx; /**< Defining section index or ELF_SHN_*. */
	uint64_t st_value; /**< Offset within the section (relocatable objects). */
	uint64_t st_size;  /**< Size of the object in bytes. */
};

/** @brief ELF-64 relocation entry with an explicit addend. */
struct elf64_rela {
	uint64_t r_offset; /**< Offset of the patched field within the target section. */
	uint64_t r_info;   /**< Symbol index (high 32 bits) and type (low 32 bits). */
	int64_t r_addend;  /**< Constant addend A. */
};

/** Program header type: a loadable segment. */
#define ELF_PT_LOAD 1
/** Program header type: dynamic linking information. */
#define ELF_PT_DYNAMIC 2
/** Program header type: the program interpreter's path. */
#define ELF_PT_INTERP 3
/** Program header type: the program header table itself. */
#define ELF_PT_PHDR 6
/** Program header type: the thread-local storage template. */
#define ELF_PT_TLS 7
/** Program header type: the stack's permissions (GNU). */
#define ELF_PT_GNU_STACK 0x6474e551
/** Segment permission: execute. */
#define ELF_PF_X 0x1
/** Segment permission: write. */
#define ELF_PF_W 0x2
/** Segment permission: read. */
#define ELF_PF_R 0x4

/** @brief ELF-64 program header (a segment of an executable). */
struct elf64_phdr {
	uint32_t p_type;   /**< Segment type (ELF_PT_*). */
	uint32_t p_flags;  /**< Permissions (ELF_PF_*). */
	uint64_t p_offset; /**< File offset of the segment's first byte. */
	uint64_t p_vaddr;  /**< Virtual address of its first byte. */
	uint64_t p_paddr;  /**< Physical address (unused). */
	uint64_t p_filesz; /**< Bytes in the file. */
	uint64_t p_memsz;  /**< Bytes in memory (the rest is zero-filled). */
	uint64_t p_align;  /**< Alignment: 0 or a power of two. */
};

#endif /* LOADER_ELF64_H_ */
