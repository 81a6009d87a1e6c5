/* The table of commands, which main.c owns and hands over here before it runs one: completion
 * reads every command's name and options from it without depending on main.c, which runs
 * completion. */
#include "cmd.h"

static const struct cmd *table;
static size_t table_count;

void cmd_table_set(const struct cmd *commands, size_t count)
{
	table = commands;
	table_count = count;
}

const struct cmd *cmd_table(size_t *count)
{
	*count = table_count;
	return table;
}
