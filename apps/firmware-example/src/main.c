/*
 * A device on the host: submits one feed-data message to an iot/v1 server over HTTPS or MQTT and acts on the
 * answer through the generated C library (never on magic numbers, and with no JSON code of its own: the message
 * comes from the generated encoder, the answer is read by the generated decoders). Retries after 4029/5003
 * (honouring Retry-After over HTTPS, a backoff over MQTT) with the same message_id, stops on 4003, and treats a
 * code it has never seen by its class.
 *
 * usage: firmware-example [https] <base-url> <device-id> <token> <ca-file> <message-id>
 *        firmware-example mqtt <mqtt-url> <device-id> <token> <ca-file|-> <message-id>
 *        (mqtt://host:port for plain TCP with "-"; mqtts://host:port with the CA file, "-" for the system's)
 * exit:  0 stored, 2 usage or transport setup, 3 gave up, 4 request must change, 5 re-authenticate,
 *        6 still failing after the last attempt
 *
 * This file only reads the command line; https.c and mqtt.c are the transports, device.c what they share.
 */
#include <stdio.h>
#include <string.h>

#include "device.h"

static int usage(const char *program) {
  fprintf(stderr,
          "usage: %s [https] <base-url> <device-id> <token> <ca-file> <message-id>\n"
          "       %s mqtt <mqtt-url> <device-id> <token> <ca-file|-> <message-id>\n",
          program, program);
  return EXIT_SETUP;
}

int main(int argc, char **argv) {
  device_args_t args;
  int mqtt = argc == 7 && strcmp(argv[1], "mqtt") == 0;
  int https = argc == 6 || (argc == 7 && strcmp(argv[1], "https") == 0);
  char **rest = argv + (argc == 7 ? 2 : 1);

  if (!mqtt && !https) {
    return usage(argv[0]);
  }
  args.url = rest[0];
  args.device_id = rest[1];
  args.token = rest[2];
  args.ca_file = strcmp(rest[3], "-") == 0 ? NULL : rest[3];
  args.message_id = rest[4];
  return mqtt ? run_mqtt(&args) : run_https(&args);
}
