#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 16 * 1024 };

struct block {
	struct block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

struct tip_arena {
	struct block *head;
};

tip_arena *tip_arena_new(void)
{
	return calloc(1, sizeof(tip_arena));
}

void tip_arena_free(tip_arena *arena)
{
	if (!arena)
		return;
	struct block *b = arena->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(arena);
}

void *tip_arena_alloc(tip_arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	size = (size + align - 1) & ~(align - 1);
	struct block *b = arena->head;
	if (!b || b->size - b->used < size) {
		size_t want = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
		if (want > SIZE_MAX - sizeof(struct block))
			return NULL;
		struct block *nb = malloc(sizeof(struct block) + want);
		if (!nb)
			return NULL;
		nb->used = 0;
		nb->size = want;
		/* A large allocation gets a block of its own behind the current one, so the
		 * current block's free space is not wasted. */
		if (b && want != ARENA_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			arena->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

void *tip_arena_calloc(tip_arena *arena, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	void *p = tip_arena_alloc(arena, count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

char *tip_arena_strndup(tip_arena *arena, const char *s, size_t len)
{
	char *p = tip_arena_alloc(arena, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *tip_arena_strdup(tip_arena *arena, const char *s)
{
	return tip_arena_strndup(arena, s, strlen(s));
}
