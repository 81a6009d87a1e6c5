/* A bump allocator: many small allocations freed together. Parsed documents and compiled schemas
 * live in one so that freeing them is one call and loading thousands of records stays cheap. */
#ifndef TIP_ARENA_H
#define TIP_ARENA_H

#include <stddef.h>

typedef struct tip_arena tip_arena;

tip_arena *tip_arena_new(void);
void tip_arena_free(tip_arena *arena);
/* Memory aligned for any type, or NULL when out of memory. */
void *tip_arena_alloc(tip_arena *arena, size_t size);
void *tip_arena_calloc(tip_arena *arena, size_t count, size_t size);
/* A NUL-terminated copy of len bytes of s (which may hold NULs itself). */
char *tip_arena_strndup(tip_arena *arena, const char *s, size_t len);
char *tip_arena_strdup(tip_arena *arena, const char *s);

#endif
