/*
 * The lookups and the device handling rule over the generated tables (gen/iotv1_tables.h). Hand-written and the
 * same for every spec: `pnpm generate` rewrites gen/ only.
 */
#include "iotv1.h"

/*
 * One registry entry in four bytes: the code, and its HTTP status (minus 100, bits 0-8), action (bits 9-11)
 * and whether it is the HTTP-status fallback (bit 15). No division anywhere: Cortex-M0 has no divide instruction.
 */
typedef struct iotv1_entry {
  uint16_t code;
  uint16_t info;
} iotv1_entry_t;

#define IOTV1_INFO_HTTP_STATUS(info) ((unsigned)((info) & 0x1ffu) + 100u)
#define IOTV1_INFO_ACTION(info) ((iotv1_action_t)(((unsigned)(info) >> 9) & 7u))
#define IOTV1_INFO_HTTP_FALLBACK 0x8000u

#include "gen/iotv1_tables.h"

#if !defined(IOTV1_TABLES_LAYOUT) || IOTV1_TABLES_LAYOUT != 2
#error "gen/iotv1_tables.h has another layout than this iotv1.c: regenerate (pnpm generate) with the generator of this iotv1.c"
#endif

/* One copy of the search, shared by the lookups (inlining it into each costs more flash than the call). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static const iotv1_entry_t *iotv1_find(uint16_t code) {
  const iotv1_entry_t *entry = iotv1_entries;
  do {
    if (entry->code == code) {
      return entry;
    }
  } while (++entry != iotv1_entries + IOTV1_ENTRY_COUNT);
  return NULL;
}

uint8_t iotv1_class(uint16_t code) {
  /* code / 1000 without a divide instruction (Cortex-M0 has none): exact for every uint16_t (the tests check all). */
  unsigned digit = (unsigned)(((uint32_t)code * 67109u) >> 26);
  return iotv1_classes[digit < 10u ? digit : 0u];
}

uint16_t iotv1_http_status(uint16_t code) {
  const iotv1_entry_t *entry = iotv1_find(code);
  return (uint16_t)(entry == NULL ? 0u : IOTV1_INFO_HTTP_STATUS(entry->info));
}

uint16_t iotv1_code_for_http_status(uint16_t http_status) {
  /* The fallback flag and the status, compared in one go (a status below 100 wraps and matches nothing). */
  const unsigned wanted = IOTV1_INFO_HTTP_FALLBACK | ((unsigned)http_status - 100u);
  const iotv1_entry_t *entry = iotv1_entries;
  do {
    if ((entry->info & (IOTV1_INFO_HTTP_FALLBACK | 0x1ffu)) == wanted) {
      return entry->code;
    }
  } while (++entry != iotv1_entries + IOTV1_ENTRY_COUNT);
  return IOTV1_CODE_NONE;
}

iotv1_action_t iotv1_handle_response(uint16_t http_status, int has_code, uint16_t code) {
  iotv1_category_t category;
  if (http_status == 0u) {
    return IOTV1_ACTION_RETRY_LATER; /* no HTTP response: a transport failure */
  }
  /*
   * The HTTP status first: no code, a number outside the code space, or a success code on a status that is not
   * 2xx, is not trusted; the status decides.
   */
  category = has_code ? iotv1_category(code) : IOTV1_CATEGORY_UNCLASSIFIABLE;
  if (category == IOTV1_CATEGORY_UNCLASSIFIABLE || ((unsigned)http_status - 200u > 99u && category == IOTV1_CATEGORY_SUCCESS)) {
    code = iotv1_code_for_http_status(http_status);
    if (code == IOTV1_CODE_NONE) {
      /* A status no code uses goes by its class: status 4xx times ten lies in the 4xxx codes. */
      return (iotv1_action_t)(iotv1_class((uint16_t)(http_status * 10u)) >> 4);
    }
  }
  return iotv1_action(code);
}

iotv1_action_t iotv1_action(uint16_t code) {
  const iotv1_entry_t *entry = iotv1_find(code);
  /* A code added after this header goes by its class; a number outside the code space gives up. */
  return entry != NULL ? IOTV1_INFO_ACTION(entry->info) : (iotv1_action_t)(iotv1_class(code) >> 4);
}

#ifndef IOTV1_NO_STRINGS
/* The index of `text` (`length` bytes) among the `count` NUL-terminated strings packed in `list`; `count` if absent. */
static size_t iotv1_list_index(const char *list, size_t count, const char *text, size_t length) {
  size_t index;
  size_t n;
  for (index = 0u; index < count; index++) {
    for (n = 0u; n < length && list[n] != '\0' && list[n] == text[n]; n++) {
    }
    if (n == length && list[n] == '\0') {
      return index;
    }
    while (*list++ != '\0') {
    }
  }
  return count;
}

const char *iotv1_error_type(uint16_t code) {
  const iotv1_entry_t *entry = iotv1_find(code);
  const char *type = iotv1_error_types;
  if (entry == NULL) {
    return NULL;
  }
  while (entry-- != iotv1_entries) {
    while (*type++ != '\0') {
    }
  }
  return *type == '\0' ? NULL : type;
}

uint16_t iotv1_code_from_error_type(const char *error_type, size_t length) {
  size_t index;
  if (error_type == NULL || length == 0u) {
    return IOTV1_CODE_NONE;
  }
  index = iotv1_list_index(iotv1_error_types, IOTV1_ENTRY_COUNT, error_type, length);
  return index == IOTV1_ENTRY_COUNT ? IOTV1_CODE_NONE : iotv1_entries[index].code;
}

iotv1_action_t iotv1_handle_ack(const char *status, size_t status_length, int retryable, const char *error_type, size_t error_type_length) {
  uint16_t code = IOTV1_CODE_NONE;
  if (status != NULL) {
    if (iotv1_list_index(iotv1_success_statuses, IOTV1_SUCCESS_STATUS_COUNT, status, status_length) != IOTV1_SUCCESS_STATUS_COUNT) {
      return IOTV1_ACTION_SUCCESS;
    }
    if (iotv1_list_index(IOTV1_ACK_STATUS_REJECTED, 1u, status, status_length) == 0u) {
      code = iotv1_code_from_error_type(error_type, error_type_length);
    }
  }
  return code != IOTV1_CODE_NONE ? iotv1_action(code) : retryable ? IOTV1_ACTION_RETRY_LATER : IOTV1_ACTION_GIVE_UP;
}
#endif
