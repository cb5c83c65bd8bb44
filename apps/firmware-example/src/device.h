/*
 * What the two transports of the firmware example share: the one message it sends, the names it prints for the
 * device handling rule's actions, and how a final action ends the program. Kept apart so that https.c and mqtt.c
 * hold only their transport, and the two cannot drift apart in what they send or how they stop.
 */
#ifndef FIRMWARE_DEVICE_H
#define FIRMWARE_DEVICE_H

#include <stddef.h>

#include "iotv1_json.h"

/* Attempts per message, on either transport; after the last one the program exits EXIT_STILL_FAILING. */
#define MAX_ATTEMPTS 5

/* Exit codes (the usage line in main.c lists them). */
#define EXIT_STORED 0
#define EXIT_SETUP 2
#define EXIT_GAVE_UP 3
#define EXIT_FIX_REQUEST 4
#define EXIT_REAUTHENTICATE 5
#define EXIT_STILL_FAILING 6

/* What a device needs to reach the platform; the same for HTTPS and MQTT. */
typedef struct device_args {
  const char *url;
  const char *device_id;
  const char *token;
  const char *ca_file; /* NULL: no TLS (MQTT over plain TCP) */
  const char *message_id;
} device_args_t;

/*
 * The feed-data submission of this device (one temperature reading, 21.5 Cel) through the generated encoder, into
 * `out`. Returns its length, or -1 after printing why it cannot be sent (then the program exits EXIT_FIX_REQUEST).
 * Encoded once: every attempt sends the same bytes, so the same message_id, and a retry is stored only once.
 */
long encode_message(const char *message_id, char *out, size_t capacity);

/* The action as the tests read it: success, retry_later, fix_request, reauthenticate, give_up. */
const char *action_name(iotv1_action_t action);
/* What a decoder or encoder result means, for messages. */
const char *json_result_name(int result);

/* Prints the `stop:` line of a final action (every action but success and retry_later) and returns its exit code. */
int stop(iotv1_action_t action);
/* The last line when every attempt asked to retry later. */
int still_failing(void);

void sleep_seconds(long seconds);

/* The transports (https.c, mqtt.c): each sends the message until the rule says stop, and returns the exit code. */
int run_https(const device_args_t *args);
int run_mqtt(const device_args_t *args);

#endif /* FIRMWARE_DEVICE_H */
