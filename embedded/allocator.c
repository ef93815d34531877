// The Embedded atm-handler's allocator: segregated free lists of power-of-two blocks.
//
// atm-handler lives for one connection and allocates a few dozen small blocks; a general-purpose
// malloc spends more instructions setting itself up and serving those than the rest of the request
// (bench/where-the-time-goes.md). This replaces the C library's (musl's) at static link time: every
// function below is provided, so the linker never takes libc's malloc objects. Freed blocks go back on
// the list of their size, so a process that serves many requests reuses its memory.
//
// Single-threaded by design: only the Embedded handler, which starts no thread, links it.
// The standard build (tests, the daemon, debugging) keeps glibc and its malloc.
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

enum {
    header_bytes = 16,          // every block starts with a header; payloads stay 16-byte aligned
    smallest_shift = 5,         // 32-byte blocks
    class_count = 16,           // up to 1 MiB blocks; larger ones are mapped on their own
    region_bytes = 1 << 20,     // carved from mappings of this size (pages are touched on use)
};

/// Precedes each payload: the block's size class (or `class_count` for a mapping of its own)
/// and the block's start, which differs from the header's place only for over-aligned requests.
struct header {
    uint32_t size_class;
    uint32_t mapped_pages;
    char *block;
};

_Static_assert(sizeof(struct header) == header_bytes, "the header keeps payloads 16-byte aligned");

static char *free_lists[class_count];
static char *region_next;
static char *region_end;

/// The smallest class whose blocks hold `bytes`: the bit length of `bytes - 1`, less the smallest
/// class's (a count of leading zeros, not a loop over the classes: this runs for every allocation).
static unsigned class_for(size_t bytes) {
    if (bytes <= ((size_t)1 << smallest_shift)) return 0;
    unsigned bit_length = 64 - (unsigned)__builtin_clzll((unsigned long long)(bytes - 1));
    unsigned size_class = bit_length - smallest_shift;
    return size_class < class_count ? size_class : class_count;
}

static char *carve(size_t bytes) {
    if ((size_t)(region_end - region_next) < bytes) {
        void *mapped = mmap(NULL, region_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped == MAP_FAILED) return NULL;
        region_next = mapped;
        region_end = region_next + region_bytes;
    }
    char *block = region_next;
    region_next += bytes;
    return block;
}

/// A block of at least `bytes` (header included), its header not yet written.
static char *take(size_t bytes, unsigned *size_class, uint32_t *pages) {
    *size_class = class_for(bytes);
    *pages = 0;
    if (*size_class == class_count) {
        size_t rounded = (bytes + 4095) & ~(size_t)4095;
        if (rounded < bytes || rounded / 4096 > UINT32_MAX) return NULL;
        void *mapped = mmap(NULL, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped == MAP_FAILED) return NULL;
        *pages = (uint32_t)(rounded / 4096);
        return mapped;
    }
    char *block = free_lists[*size_class];
    if (block) {
        memcpy(&free_lists[*size_class], block, sizeof block);
        return block;
    }
    return carve((size_t)1 << (*size_class + smallest_shift));
}

static void *place(size_t bytes, size_t alignment) {
    if (bytes > SIZE_MAX / 2) return NULL;
    size_t padding = alignment > header_bytes ? alignment : 0;
    unsigned size_class;
    uint32_t pages;
    char *block = take(bytes + header_bytes + padding, &size_class, &pages);
    if (!block) return NULL;
    uintptr_t payload = (uintptr_t)block + header_bytes;
    if (padding) payload = (payload + alignment - 1) & ~(uintptr_t)(alignment - 1);
    struct header *header = (struct header *)(payload - header_bytes);
    header->size_class = size_class;
    header->mapped_pages = pages;
    header->block = block;
    return (void *)payload;
}

static struct header *header_of(void *payload) { return (struct header *)((char *)payload - header_bytes); }

void *malloc(size_t bytes) {
    void *payload = place(bytes, 0);
    if (!payload) errno = ENOMEM;
    return payload;
}

void free(void *payload) {
    if (!payload) return;
    struct header *header = header_of(payload);
    char *block = header->block;
    if (header->size_class == class_count) {
        munmap(block, (size_t)header->mapped_pages * 4096);
        return;
    }
    memcpy(block, &free_lists[header->size_class], sizeof block);
    free_lists[header->size_class] = block;
}

size_t malloc_usable_size(void *payload) {
    if (!payload) return 0;
    struct header *header = header_of(payload);
    size_t block_bytes = header->size_class == class_count ? (size_t)header->mapped_pages * 4096
                                                           : (size_t)1 << (header->size_class + smallest_shift);
    return block_bytes - (size_t)((char *)payload - header->block);
}

void *calloc(size_t count, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) {
        errno = ENOMEM;
        return NULL;
    }
    void *payload = malloc(bytes);
    if (payload) memset(payload, 0, bytes);
    return payload;
}

void *realloc(void *payload, size_t bytes) {
    if (!payload) return malloc(bytes);
    size_t usable = malloc_usable_size(payload);
    if (bytes <= usable) return payload;
    void *moved = malloc(bytes);
    if (!moved) return NULL;
    memcpy(moved, payload, usable);
    free(payload);
    return moved;
}

int posix_memalign(void **result, size_t alignment, size_t bytes) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *payload = place(bytes, alignment);
    if (!payload) return ENOMEM;
    *result = payload;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t bytes) {
    void *payload = NULL;
    int failure = posix_memalign(&payload, alignment < sizeof(void *) ? sizeof(void *) : alignment, bytes);
    if (failure) errno = failure;
    return payload;
}

void *memalign(size_t alignment, size_t bytes) { return aligned_alloc(alignment, bytes); }

void *valloc(size_t bytes) { return aligned_alloc(4096, bytes); }

void *pvalloc(size_t bytes) { return aligned_alloc(4096, (bytes + 4095) & ~(size_t)4095); }
