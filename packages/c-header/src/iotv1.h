/*
 * iot/v1 response codes for firmware: wire values, error types, statuses and the device handling rule.
 * Plain C89 (also C99-C17 and C++98-C++17), no heap, no stdio, nothing beyond <stdint.h> and <stddef.h>.
 * Compile src/iotv1.c once in your build (CMake target `iotv1`, or PlatformIO) with src/ on the include
 * path; define IOTV1_NO_STRINGS there and here to compile the error-type strings out.
 *
 * Hand-written and the same for every spec; what the spec defines comes from gen/ (written by `pnpm generate`).
 */
#ifndef IOTV1_H
#define IOTV1_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "gen/iotv1_version.h"
#include "gen/iotv1_registry.h"

/* Not a code: what the lookups answer for a code or error type they do not know. Outside the code space. */
#define IOTV1_CODE_NONE ((uint16_t)0u)

/* What the firmware should do with a response (the device handling rule, iotv1_handle_response). */
typedef enum iotv1_action {
  /* The request did what it asked. */
  IOTV1_ACTION_SUCCESS = 0,
  /* Send the same request again (same message_id) after Retry-After seconds, or a backoff when there is none. */
  IOTV1_ACTION_RETRY_LATER = 1,
  /* The request itself is wrong: do not send it again unchanged. */
  IOTV1_ACTION_FIX_REQUEST = 2,
  /* The credentials are missing or invalid: get new ones before sending again. */
  IOTV1_ACTION_REAUTHENTICATE = 3,
  /* Sending again will not help (policy, licence, unknown device, server failure): stop and report. */
  IOTV1_ACTION_GIVE_UP = 4
} iotv1_action_t;

/*
 * The class of a code (its thousands digit): its category in the low four bits, what to do about a code of that
 * class this header does not know in the high four. Read it through iotv1_category and iotv1_action.
 */
uint8_t iotv1_class(uint16_t code);
/* The HTTP status of a known code, 0 for an unknown one. */
uint16_t iotv1_http_status(uint16_t code);
/* The code a response without one (from an older endpoint) stands for, by its HTTP status; IOTV1_CODE_NONE if none. */
uint16_t iotv1_code_for_http_status(uint16_t http_status);
/*
 * The device handling rule: the HTTP status first (0 when no HTTP response came: a transport failure, retry later),
 * then the response's top-level code, falling back to the HTTP status when the body carried no code (has_code == 0)
 * or carried a number outside the code space or a success code on a status that is not 2xx; a code this header does
 * not know goes by its class. A status outside HTTP's classes (below 100, above 599) has no class: give up.
 */
iotv1_action_t iotv1_handle_response(uint16_t http_status, int has_code, uint16_t code);

/* Nonzero when this header's registry defines the code (every known code has an HTTP status). */
#define iotv1_is_known_code(code) (iotv1_http_status(code) != 0u)
/* Nonzero when sending the same request again may succeed: only codes the registry marks retryable. */
#define iotv1_is_retryable(code) (iotv1_action(code) == IOTV1_ACTION_RETRY_LATER)

/* The category of any code: every code of a class has its category; UNCLASSIFIABLE outside the code space. */
#define iotv1_category(code) ((iotv1_category_t)(iotv1_class(code) & 0x0fu))
/* What to do about one code: known codes by the registry, unknown ones by their class, a number outside the code space gives up. */
iotv1_action_t iotv1_action(uint16_t code);

#ifndef IOTV1_NO_STRINGS
/* The error type of a code, NUL-terminated; NULL for success codes and unknown codes. */
const char *iotv1_error_type(uint16_t code);
/* The code of an error type given as `length` bytes (no NUL needed); IOTV1_CODE_NONE when it is not one. */
uint16_t iotv1_code_from_error_type(const char *error_type, size_t length);

/* Defined when this header has iotv1_handle_ack (it reads strings, so not under IOTV1_NO_STRINGS). */
#define IOTV1_ACK_RULE 1
/*
 * The device handling rule for an MQTT acknowledgement, the same actions as for an HTTPS answer: a status of an
 * accepted message (created, idempotent, processed) is a success; a rejection goes by its error type's code as
 * iotv1_action does; anything else (a rejection without an error type, or with one this header does not know, or
 * a status the contract does not have) goes by the ack's `retryable`: retry later, or give up. Strings are given as
 * bytes and lengths (no NUL needed); pass NULL and 0 for an absent error type.
 */
iotv1_action_t iotv1_handle_ack(const char *status, size_t status_length, int retryable, const char *error_type, size_t error_type_length);
#endif

#ifdef __cplusplus
}
#endif

#endif /* IOTV1_H */
