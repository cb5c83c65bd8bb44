import { type Validated } from '../result.js';
import type * as Types from './types.js';
/** A precompiled validator: typed data, or the issues that kept the value from being valid. */
export type Validator<T> = (data: unknown) => Validated<T>;
/** Validates DeviceConfigResponse (spec/schemas/device-config.schema.json). */
export declare const validateDeviceConfigResponse: Validator<Types.DeviceConfigResponse>;
/** Validates DeviceStatusAccepted (spec/schemas/device-status-accepted.schema.json). */
export declare const validateDeviceStatusAccepted: Validator<Types.DeviceStatusAccepted>;
/** Validates DeviceStatusReport (spec/schemas/device-status-report.schema.json). */
export declare const validateDeviceStatusReport: Validator<Types.DeviceStatusReport>;
/** Validates ErrorType (spec/schemas/error-type.schema.json). */
export declare const validateErrorType: Validator<Types.ErrorType>;
/** Validates FeedDataAccepted (spec/schemas/feed-data-accepted.schema.json). */
export declare const validateFeedDataAccepted: Validator<Types.FeedDataAccepted>;
/** Validates FeedDataAck (spec/schemas/feed-data-ack.schema.json). */
export declare const validateFeedDataAck: Validator<Types.FeedDataAck>;
/** Validates FeedDataStatus (spec/schemas/feed-data-status.schema.json). */
export declare const validateFeedDataStatus: Validator<Types.FeedDataStatus>;
/** Validates FeedDataSubmission (spec/schemas/feed-data-submission.schema.json). */
export declare const validateFeedDataSubmission: Validator<Types.FeedDataSubmission>;
/** Validates HttpErrorResponse (spec/schemas/http-error-response.schema.json). */
export declare const validateHttpErrorResponse: Validator<Types.HttpErrorResponse>;
/** Validates MessageId (spec/schemas/message-id.schema.json). */
export declare const validateMessageId: Validator<Types.MessageId>;
/** Validates RequestId (spec/schemas/request-id.schema.json). */
export declare const validateRequestId: Validator<Types.RequestId>;
/** Validates ResponseCode (spec/schemas/response-code.schema.json). */
export declare const validateResponseCode: Validator<Types.ResponseCode>;
/** Validates the path parameters of getDeviceConfig. */
export declare const validateGetDeviceConfigParams: Validator<{
    readonly "deviceId": string;
}>;
/** Validates the shared BadRequest response. */
export declare const validateBadRequestResponse: Validator<unknown>;
/** Validates the shared Unauthorized response. */
export declare const validateUnauthorizedResponse: Validator<unknown>;
/** Validates the shared PaymentRequired response. */
export declare const validatePaymentRequiredResponse: Validator<unknown>;
/** Validates the shared Forbidden response. */
export declare const validateForbiddenResponse: Validator<unknown>;
/** Validates the shared NotFound response. */
export declare const validateNotFoundResponse: Validator<unknown>;
/** Validates the shared RateLimited response. */
export declare const validateRateLimitedResponse: Validator<unknown>;
/** Validates the shared InternalError response. */
export declare const validateInternalErrorResponse: Validator<unknown>;
/** Validates the shared ServiceUnavailable response. */
export declare const validateServiceUnavailableResponse: Validator<unknown>;
/** Validates the path parameters of submitFeedData. */
export declare const validateSubmitFeedDataParams: Validator<{
    readonly "deviceId": string;
}>;
/** Validates the shared Conflict response. */
export declare const validateConflictResponse: Validator<unknown>;
/** Validates the shared PayloadTooLarge response. */
export declare const validatePayloadTooLargeResponse: Validator<unknown>;
/** Validates the shared UnsupportedMediaType response. */
export declare const validateUnsupportedMediaTypeResponse: Validator<unknown>;
/** Validates the shared ValidationFailed response. */
export declare const validateValidationFailedResponse: Validator<unknown>;
/** Validates the path parameters of reportDeviceStatus. */
export declare const validateReportDeviceStatusParams: Validator<{
    readonly "deviceId": string;
}>;
/** The validators of one HTTPS operation. */
export interface OperationValidators {
    readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
    /** The spec's path template, for example `/iot/v1/devices/{deviceId}/feed-data`. */
    readonly path: string;
    /** Path parameters, as one object. */
    readonly params: Validator<unknown> | null;
    readonly body: Validator<unknown> | null;
    readonly bodyRequired: boolean;
    /** One validator per HTTP status the operation can answer with. */
    readonly responses: Readonly<Record<number, Validator<unknown>>>;
    /** Registry codes the operation can return. */
    readonly responseCodes: readonly number[];
}
/** Every HTTPS operation of the spec, by operationId. */
export declare const operations: {
    readonly getDeviceConfig: {
        readonly method: "GET";
        readonly path: "/iot/v1/devices/{deviceId}/config";
        readonly params: Validator<{
            readonly deviceId: string;
        }>;
        readonly body: null;
        readonly bodyRequired: false;
        readonly responses: {
            readonly 200: Validator<Types.DeviceConfigResponse>;
            readonly 400: Validator<unknown>;
            readonly 401: Validator<unknown>;
            readonly 402: Validator<unknown>;
            readonly 403: Validator<unknown>;
            readonly 404: Validator<unknown>;
            readonly 429: Validator<unknown>;
            readonly 500: Validator<unknown>;
            readonly 503: Validator<unknown>;
        };
        readonly responseCodes: readonly [2000, 4000, 4001, 4002, 4003, 4004, 4029, 5000, 5003];
    };
    readonly submitFeedData: {
        readonly method: "POST";
        readonly path: "/iot/v1/devices/{deviceId}/feed-data";
        readonly params: Validator<{
            readonly deviceId: string;
        }>;
        readonly body: Validator<Types.FeedDataSubmission>;
        readonly bodyRequired: true;
        readonly responses: {
            readonly 200: Validator<Types.FeedDataAccepted>;
            readonly 400: Validator<unknown>;
            readonly 401: Validator<unknown>;
            readonly 402: Validator<unknown>;
            readonly 403: Validator<unknown>;
            readonly 404: Validator<unknown>;
            readonly 409: Validator<unknown>;
            readonly 413: Validator<unknown>;
            readonly 415: Validator<unknown>;
            readonly 422: Validator<unknown>;
            readonly 429: Validator<unknown>;
            readonly 500: Validator<unknown>;
            readonly 503: Validator<unknown>;
        };
        readonly responseCodes: readonly [2000, 4000, 4001, 4002, 4003, 4004, 4009, 4013, 4015, 4022, 4029, 5000, 5003];
    };
    readonly reportDeviceStatus: {
        readonly method: "PUT";
        readonly path: "/iot/v1/devices/{deviceId}/status";
        readonly params: Validator<{
            readonly deviceId: string;
        }>;
        readonly body: Validator<Types.DeviceStatusReport>;
        readonly bodyRequired: true;
        readonly responses: {
            readonly 200: Validator<Types.DeviceStatusAccepted>;
            readonly 400: Validator<unknown>;
            readonly 401: Validator<unknown>;
            readonly 402: Validator<unknown>;
            readonly 403: Validator<unknown>;
            readonly 404: Validator<unknown>;
            readonly 413: Validator<unknown>;
            readonly 415: Validator<unknown>;
            readonly 422: Validator<unknown>;
            readonly 429: Validator<unknown>;
            readonly 500: Validator<unknown>;
            readonly 503: Validator<unknown>;
        };
        readonly responseCodes: readonly [2000, 4000, 4001, 4002, 4003, 4004, 4013, 4015, 4022, 4029, 5000, 5003];
    };
};
export type OperationId = keyof typeof operations;
/** Every MQTT message of the spec, by name; `action` is what the device does with it. */
export declare const messages: {
    readonly feedData: {
        readonly channel: "feedData";
        readonly address: "iot/v1/devices/{deviceId}/feed-data";
        readonly action: "send";
        readonly payload: Validator<Types.FeedDataSubmission>;
    };
    readonly feedDataAck: {
        readonly channel: "feedDataAck";
        readonly address: "iot/v1/devices/{deviceId}/ack";
        readonly action: "receive";
        readonly payload: Validator<Types.FeedDataAck>;
    };
};
//# sourceMappingURL=validators.d.ts.map