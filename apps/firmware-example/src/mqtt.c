/*
 * Feed data over MQTT: connect as the device (username = device id, password = token), subscribe to the device's
 * ack topic before publishing, publish the encoded message with QoS 1, and wait for the application ack that names
 * this message_id. The ack goes through the generated decoder and iotv1_handle_feed_data_ack: the same actions as
 * over HTTPS. An ack carries no Retry-After, so retry_later waits a doubling backoff; a lost connection, a missing
 * CONNACK, SUBACK or ack within WAIT_MS is a transport failure, which retries the same message like retry_later.
 *
 * libmosquitto is the host's MQTT client, driven from this one thread with mosquitto_loop (no threaded interface,
 * as on a device's main loop); every wait is bounded.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mosquitto.h>

#include "device.h"

#define MESSAGE_CAPACITY 512
#define TOPIC_CAPACITY 160
/* The bound of each wait: the CONNACK, the SUBACK, the ack of one publish. */
#define WAIT_MS 10000L
#define KEEPALIVE_S 30
/* retry_later without a Retry-After: 1, 2, 4, 8 s between the attempts. */
#define BACKOFF_MAX_S 8L

/* What the callbacks saw; the attempt loop reads it between calls of mosquitto_loop. */
typedef struct session {
  struct mosquitto *mosq;
  const char *message_id;
  char ack_topic[TOPIC_CAPACITY];
  char feed_topic[TOPIC_CAPACITY];
  int connack; /* -1 until a CONNACK came, then its return code (0 accepted) */
  int connected;
  int subscribe_mid;
  int subscribed; /* 0 waiting or not asked, 1 granted, -1 refused */
  int acked;
  int loop_error; /* what the last mosquitto_loop that failed said; MOSQ_ERR_SUCCESS when none did */
  iotv1_feed_data_ack_t ack;
} session_t;

/* ---- callbacks ---- */

static void on_connect(struct mosquitto *mosq, void *user, int rc) {
  session_t *session = (session_t *)user;
  (void)mosq;
  session->connack = rc;
  session->connected = rc == 0;
}

static void on_disconnect(struct mosquitto *mosq, void *user, int rc) {
  session_t *session = (session_t *)user;
  (void)mosq;
  (void)rc;
  session->connected = 0;
  session->subscribed = 0; /* a clean session: the next connection subscribes again */
}

static void on_subscribe(struct mosquitto *mosq, void *user, int mid, int qos_count, const int *granted_qos) {
  session_t *session = (session_t *)user;
  (void)mosq;
  if (mid == session->subscribe_mid) {
    /* 0x80 in a SUBACK is a refusal: the broker would never deliver the acks. */
    session->subscribed = qos_count >= 1 && granted_qos[0] >= 0 && granted_qos[0] <= 2 ? 1 : -1;
  }
}

static void on_message(struct mosquitto *mosq, void *user, const struct mosquitto_message *message) {
  static iotv1_feed_data_ack_t ack;
  session_t *session = (session_t *)user;
  int result;
  (void)mosq;
  if (strcmp(message->topic, session->ack_topic) != 0 || message->payloadlen < 0) {
    return;
  }
  result = iotv1_decode_feed_data_ack((const char *)message->payload, (size_t)message->payloadlen, &ack);
  if (result != IOTV1_JSON_OK) {
    /* Without a decoded message_id it cannot be this message's ack: keep waiting for one that is. */
    fprintf(stderr, "ignored an ack that does not decode (%s)\n", json_result_name(result));
    return;
  }
  /* An ack names its message; one for another message_id (an earlier message's, late) is not this answer. */
  if (strcmp(ack.message_id, session->message_id) == 0) {
    session->ack = ack;
    session->acked = 1;
  }
}

/* ---- the loop ---- */

static long now_ms(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long)now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

/* What pump waits for. */
typedef int (*condition_t)(const session_t *session);

static int got_connack(const session_t *session) {
  return session->connack >= 0;
}

static int got_suback(const session_t *session) {
  return session->subscribed != 0 || !session->connected;
}

static int got_ack(const session_t *session) {
  return session->acked || !session->connected;
}

static int disconnected(const session_t *session) {
  return !session->connected;
}

/* Runs the client for at most `ms`, until `done`; nonzero when `done` held. A lost connection ends it early. */
static int pump(session_t *session, long ms, condition_t done) {
  long deadline = now_ms() + ms;
  session->loop_error = MOSQ_ERR_SUCCESS;
  for (;;) {
    long left;
    int rc;
    if (done(session)) {
      return 1;
    }
    left = deadline - now_ms();
    if (left <= 0) {
      return 0;
    }
    rc = mosquitto_loop(session->mosq, left < 100L ? (int)left : 100, 1);
    if (rc != MOSQ_ERR_SUCCESS) {
      /* Every error of mosquitto_loop leaves the client without a connection (a refused CONNACK too). */
      session->connected = 0;
      session->subscribed = 0;
      session->loop_error = rc;
      return done(session);
    }
  }
}

/* ---- the protocol ---- */

/* What a refused CONNACK (MQTT 3.1.1 return codes) asks of the device. */
static iotv1_action_t connack_action(int rc) {
  switch (rc) {
    case 3: /* server unavailable */
      return IOTV1_ACTION_RETRY_LATER;
    case 4: /* bad user name or password */
    case 5: /* not authorized */
      return IOTV1_ACTION_REAUTHENTICATE;
    case 2: /* identifier rejected */
      return IOTV1_ACTION_FIX_REQUEST;
    default: /* 1, unacceptable protocol version, or a code 3.1.1 does not have */
      return IOTV1_ACTION_GIVE_UP;
  }
}

/*
 * Connects (again) and subscribes to the ack topic. Returns NULL when the session is ready to publish; otherwise
 * why not, and *action says what to do about it (retry_later for a transport failure).
 */
static const char *open_session(session_t *session, const char *host, int port, int first, iotv1_action_t *action) {
  static char refusal[64];
  int rc;

  *action = IOTV1_ACTION_RETRY_LATER;
  if (!session->connected) {
    session->connack = -1;
    /* The TCP connect itself blocks (bounded by the OS); the CONNACK is waited for below. */
    rc = first ? mosquitto_connect(session->mosq, host, port, KEEPALIVE_S) : mosquitto_reconnect(session->mosq);
    if (rc != MOSQ_ERR_SUCCESS) {
      return mosquitto_strerror(rc);
    }
    if (!pump(session, WAIT_MS, got_connack)) {
      return session->loop_error != MOSQ_ERR_SUCCESS ? mosquitto_strerror(session->loop_error) : "no CONNACK";
    }
    if (session->connack != 0) {
      *action = connack_action(session->connack);
      snprintf(refusal, sizeof refusal, "connect refused, CONNACK %d", session->connack);
      return refusal;
    }
  }
  if (session->subscribed != 1) {
    session->subscribed = 0;
    rc = mosquitto_subscribe(session->mosq, &session->subscribe_mid, session->ack_topic, 1);
    if (rc != MOSQ_ERR_SUCCESS) {
      return mosquitto_strerror(rc);
    }
    if (!pump(session, WAIT_MS, got_suback) || session->subscribed == 0) {
      return session->loop_error != MOSQ_ERR_SUCCESS ? mosquitto_strerror(session->loop_error) : "no SUBACK";
    }
    if (session->subscribed < 0) {
      *action = IOTV1_ACTION_GIVE_UP;
      return "subscription to the ack topic refused";
    }
  }
  return NULL;
}

/* Host and port of mqtt://host[:port][/] or mqtts://...; *tls set for mqtts. Zero when it is not such a URL. */
static int parse_url(const char *url, char *host, size_t capacity, int *port, int *tls) {
  const char *at;
  const char *end;
  size_t length;
  if (strncmp(url, "mqtt://", 7) == 0) {
    *tls = 0;
    at = url + 7;
  } else if (strncmp(url, "mqtts://", 8) == 0) {
    *tls = 1;
    at = url + 8;
  } else {
    return 0;
  }
  *port = *tls ? 8883 : 1883;
  if (*at == '[') { /* an IPv6 literal */
    at++;
    end = strchr(at, ']');
    if (end == NULL) {
      return 0;
    }
  } else {
    end = at + strcspn(at, ":/");
  }
  length = (size_t)(end - at);
  if (length == 0 || length >= capacity) {
    return 0;
  }
  memcpy(host, at, length);
  host[length] = '\0';
  if (*end == ']') {
    end++;
  }
  if (*end == ':') {
    char *rest;
    long value = strtol(end + 1, &rest, 10);
    if (rest == end + 1 || value < 1 || value > 65535) {
      return 0;
    }
    *port = (int)value;
    end = rest;
  }
  return *end == '\0' || strcmp(end, "/") == 0;
}

/* Waits `ms` between attempts; the client keeps running, so that the connection stays up for the next attempt. */
static void back_off(session_t *session, long ms) {
  long deadline = now_ms() + ms;
  long left;
  pump(session, ms, disconnected);
  left = deadline - now_ms();
  if (left > 0) { /* pump stopped early on a lost connection: wait out the rest */
    struct timespec pause;
    pause.tv_sec = left / 1000L;
    pause.tv_nsec = (left % 1000L) * 1000000L;
    nanosleep(&pause, NULL);
  }
}

/* The attempts of one message over a created client; the exit code. */
static int attempts(session_t *session, const char *host, int port, const char *message, long message_length) {
  int attempt;

  for (attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    iotv1_action_t action;
    const char *failure = open_session(session, host, port, attempt == 1, &action);

    if (failure == NULL) {
      session->acked = 0;
      if (mosquitto_publish(session->mosq, NULL, session->feed_topic, (int)message_length, message, 1, false) != MOSQ_ERR_SUCCESS) {
        failure = "publish failed";
      } else if (!pump(session, WAIT_MS, got_ack) || !session->acked) {
        failure = session->connected ? "no ack in time" : session->loop_error != MOSQ_ERR_SUCCESS ? mosquitto_strerror(session->loop_error) : "connection lost";
      }
    }
    if (failure != NULL) {
      printf("attempt %d: %s -> %s\n", attempt, failure, action_name(action));
    } else {
      action = iotv1_handle_feed_data_ack(&session->ack);
      printf("attempt %d: ack %s -> %s", attempt, session->ack.status, action_name(action));
      if (session->ack.has_error) {
        printf(" (%s)", session->ack.error.type);
      }
      printf("\n");
    }
    fflush(stdout);
    if (action == IOTV1_ACTION_SUCCESS) {
      printf("stored: %s\n", session->ack.status);
      return EXIT_STORED;
    }
    if (action != IOTV1_ACTION_RETRY_LATER) {
      return stop(action);
    }
    if (attempt < MAX_ATTEMPTS) {
      long backoff = 1L << (attempt - 1);
      back_off(session, (backoff < BACKOFF_MAX_S ? backoff : BACKOFF_MAX_S) * 1000L);
    }
  }
  return still_failing();
}

int run_mqtt(const device_args_t *args) {
  static session_t session;
  static char host[256];
  static char message[MESSAGE_CAPACITY];
  long message_length;
  int port;
  int tls;
  int result;

  if (!parse_url(args->url, host, sizeof host, &port, &tls)) {
    fprintf(stderr, "not an MQTT URL (mqtt://host[:port] or mqtts://host[:port]): %s\n", args->url);
    return EXIT_SETUP;
  }
  if (!tls && args->ca_file != NULL) {
    fprintf(stderr, "a CA file goes with mqtts://; pass - for mqtt://\n");
    return EXIT_SETUP;
  }
  if ((size_t)snprintf(session.ack_topic, sizeof session.ack_topic, "iot/v1/devices/%s/ack", args->device_id) >= sizeof session.ack_topic ||
      (size_t)snprintf(session.feed_topic, sizeof session.feed_topic, "iot/v1/devices/%s/feed-data", args->device_id) >= sizeof session.feed_topic ||
      mosquitto_sub_topic_check(session.ack_topic) != MOSQ_ERR_SUCCESS || strpbrk(args->device_id, "+#/") != NULL) {
    fprintf(stderr, "the device id does not make a topic: %s\n", args->device_id);
    return EXIT_SETUP;
  }
  message_length = encode_message(args->message_id, message, sizeof message);
  if (message_length < 0) {
    return EXIT_FIX_REQUEST;
  }
  session.message_id = args->message_id;

  signal(SIGPIPE, SIG_IGN); /* a broker that goes away is a lost connection, not the end of the program */
  mosquitto_lib_init();
  /* No client id and a clean session: the broker keeps nothing between runs, so no old ack is replayed. */
  session.mosq = mosquitto_new(NULL, true, &session);
  if (session.mosq == NULL || mosquitto_int_option(session.mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311) != MOSQ_ERR_SUCCESS ||
      mosquitto_username_pw_set(session.mosq, args->device_id, args->token) != MOSQ_ERR_SUCCESS) {
    fprintf(stderr, "cannot set up the MQTT client\n");
    result = EXIT_SETUP;
  } else if (tls && (args->ca_file != NULL ? mosquitto_tls_set(session.mosq, args->ca_file, NULL, NULL, NULL, NULL)
                                           : mosquitto_int_option(session.mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1)) != MOSQ_ERR_SUCCESS) {
    fprintf(stderr, "cannot set up TLS with %s\n", args->ca_file != NULL ? args->ca_file : "the system's CA certificates");
    result = EXIT_SETUP;
  } else {
    mosquitto_connect_callback_set(session.mosq, on_connect);
    mosquitto_disconnect_callback_set(session.mosq, on_disconnect);
    mosquitto_subscribe_callback_set(session.mosq, on_subscribe);
    mosquitto_message_callback_set(session.mosq, on_message);
    result = attempts(&session, host, port, message, message_length);
    if (session.connected) {
      mosquitto_disconnect(session.mosq);
      pump(&session, 1000L, disconnected); /* sends the DISCONNECT */
    }
  }
  mosquitto_destroy(session.mosq);
  mosquitto_lib_cleanup();
  return result;
}
