/*
 * Host test of iotv1.h / iotv1.c beyond the conformance vectors (conformance.c runs those): every other code of
 * the uint16_t space, the rule over every status, the error-type strings. Run under AddressSanitizer and
 * UndefinedBehaviorSanitizer. C89, like the header. Exit status: the number of failed checks (0 = all passed).
 */
#include <stdio.h>
#include <string.h>

#include "iotv1.h"
#include "iotv1_conformance.h"

static int failures = 0;

static void check(int ok, const char *what, unsigned long value) {
  if (!ok) {
    failures++;
    fprintf(stderr, "FAIL: %s (%lu)\n", what, value);
  }
}

static const iotv1_code_vector_t *vector_of(uint16_t code) {
  size_t i;
  for (i = 0; i < IOTV1_CODE_VECTOR_COUNT; i++) {
    if (iotv1_code_vectors[i].code == code) {
      return &iotv1_code_vectors[i];
    }
  }
  return NULL;
}

/* The class rule itself: 2xxx success, 4xxx client error, 5xxx server error, anything else unclassifiable. */
static iotv1_category_t class_category(unsigned long code) {
  switch (code / 1000u) {
    case 2u:
      return IOTV1_CATEGORY_SUCCESS;
    case 4u:
      return IOTV1_CATEGORY_CLIENT_ERROR;
    case 5u:
      return IOTV1_CATEGORY_SERVER_ERROR;
    default:
      return IOTV1_CATEGORY_UNCLASSIFIABLE;
  }
}

#ifndef IOTV1_NO_STRINGS
/* Error types are matched on their exact bytes: one byte short, one long, or the NUL counted, is no error type. */
static void test_error_type_lengths(void) {
  size_t i;
  for (i = 0; i < IOTV1_CODE_VECTOR_COUNT; i++) {
    const iotv1_code_vector_t *v = &iotv1_code_vectors[i];
    size_t length;
    char longer[80];
    if (v->error_type == NULL) {
      continue;
    }
    length = strlen(v->error_type);
    check(iotv1_code_from_error_type(v->error_type, length - 1u) == IOTV1_CODE_NONE, "error type one byte short", v->code);
    memcpy(longer, v->error_type, length);
    longer[length] = 'x';
    check(iotv1_code_from_error_type(longer, length + 1u) == IOTV1_CODE_NONE, "error type one byte long", v->code);
    longer[length] = '\0';
    check(iotv1_code_from_error_type(longer, length + 1u) == IOTV1_CODE_NONE, "error type with its NUL counted", v->code);
  }
}
#endif

static void test_every_other_code(void) {
  unsigned long code;
  for (code = 0u; code <= 0xffffu; code++) {
    uint16_t c = (uint16_t)code;
    iotv1_category_t category = iotv1_category(c);
    if (vector_of(c) != NULL) {
      continue;
    }
    check(!iotv1_is_known_code(c), "unknown code is not known", code);
    check(category == class_category(code), "unknown code classified by its class", code);
    check(iotv1_http_status(c) == 0u, "unknown code has no http status", code);
    check(!iotv1_is_retryable(c), "unknown code is not retried", code);
    check(iotv1_action(c) == (category == IOTV1_CATEGORY_SUCCESS        ? IOTV1_ACTION_SUCCESS
                               : category == IOTV1_CATEGORY_CLIENT_ERROR ? IOTV1_ACTION_FIX_REQUEST
                                                                         : IOTV1_ACTION_GIVE_UP),
          "unknown code acted on by its class", code);
#ifndef IOTV1_NO_STRINGS
    check(iotv1_error_type(c) == NULL, "unknown code has no error type", code);
#endif
  }
}

static void test_device_rule(void) {
  unsigned long status;
  check(iotv1_handle_response(0u, 0, 0u) == IOTV1_ACTION_RETRY_LATER, "no response is a transport failure", 0u);
  check(iotv1_handle_response(0u, 1, IOTV1_CODE_OK) == IOTV1_ACTION_RETRY_LATER, "no response, whatever the code", 0u);
  /* The status first: on a status that is not 2xx, a success code counts as no code (as @iotv1/client does). */
  for (status = 100u; status <= 600u; status++) {
    uint16_t s = (uint16_t)status;
    if (status / 100u == 2u) {
      continue;
    }
    check(iotv1_handle_response(s, 1, IOTV1_CODE_OK) == iotv1_handle_response(s, 0, 0u), "a success code on a failed status", status);
    check(iotv1_handle_response(s, 1, 2999u) == iotv1_handle_response(s, 0, 0u), "an unknown success code on a failed status", status);
  }
  /* A status no code uses, without a code: by its class. */
  for (status = 100u; status <= 599u; status++) {
    uint16_t s = (uint16_t)status;
    iotv1_action_t expected;
    if (iotv1_code_for_http_status(s) != IOTV1_CODE_NONE) {
      continue;
    }
    expected = status / 100u == 2u ? IOTV1_ACTION_SUCCESS : status / 100u == 4u ? IOTV1_ACTION_FIX_REQUEST : IOTV1_ACTION_GIVE_UP;
    check(iotv1_handle_response(s, 0, 0u) == expected, "status without code, by its class", status);
  }
}

#ifndef IOTV1_NO_STRINGS
static void test_error_type_strings(void) {
  static const char *const unknown[] = {"", "rate", "rate_limite", "rate_limitedd", "RATE_LIMITED", "rate limited", "internal", "ok"};
  size_t i;
  for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    check(iotv1_code_from_error_type(unknown[i], strlen(unknown[i])) == IOTV1_CODE_NONE, "unknown error type", (unsigned long)i);
  }
  check(iotv1_code_from_error_type(NULL, 5u) == IOTV1_CODE_NONE, "NULL error type", 0u);
  check(iotv1_code_from_error_type(IOTV1_ERROR_TYPE_RATE_LIMITED, IOTV1_ERROR_TYPE_RATE_LIMITED_LEN) == IOTV1_CODE_RATE_LIMITED, "_LEN macro", 0u);
  check(strlen(IOTV1_ERROR_TYPE_RATE_LIMITED) == IOTV1_ERROR_TYPE_RATE_LIMITED_LEN, "_LEN is the length", 0u);
}
#endif

int main(void) {
  test_every_other_code();
  test_device_rule();
#ifndef IOTV1_NO_STRINGS
  test_error_type_lengths();
  test_error_type_strings();
#endif
  check(strcmp(IOTV1_SPEC_VERSION, "") != 0, "spec version", 0u);
  printf("iotv1 host test: %lu known codes, %d failure(s)\n", (unsigned long)IOTV1_CODE_VECTOR_COUNT, failures);
  return failures == 0 ? 0 : 1;
}
