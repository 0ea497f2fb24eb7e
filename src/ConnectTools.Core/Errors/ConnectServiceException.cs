using System;
using System.Net;
using Amazon.Runtime;

namespace ConnectTools
{
    /// <summary>
    /// Every error the Connect service returns, after the SDK's retries: the error code, the service's message,
    /// the HTTP status, the request id, and what ConnectTools was doing (operation, resource, attempts).
    /// </summary>
    public sealed class ConnectServiceException : AmazonServiceException
    {
        public ConnectServiceException(string message, Exception? innerException, ErrorType errorType, string? errorCode,
            string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }

        /// <summary>The Connect operation, e.g. DescribeUser. Set once the call has failed.</summary>
        public string? Operation { get; internal set; }

        /// <summary>The id the operation was about (instance id, user id), if any.</summary>
        public string? ResourceId { get; internal set; }

        /// <summary>How many HTTP attempts were made, retries included.</summary>
        public int Attempts { get; internal set; }

        // Declared again here so callers outside ConnectTools' load context (the cmdlet assembly) read them from this
        // type and never bind to AWSSDK.Core's AmazonServiceException.
        /// <summary>The service's error code (e.g. ResourceNotFoundException), or ConnectTools' own for transport failures.</summary>
        public new string? ErrorCode => base.ErrorCode;

        /// <summary>The HTTP status; 0 when no response arrived.</summary>
        public new HttpStatusCode StatusCode => base.StatusCode;

        /// <summary>The request id the service gave, if any.</summary>
        public new string? RequestId => base.RequestId;

        /// <summary>The message the service returned, without ConnectTools' context.</summary>
        public string ServiceMessage => base.Message;

        public bool IsNotFound => ErrorCode == "ResourceNotFoundException" || StatusCode == HttpStatusCode.NotFound;
        public bool IsAccessDenied => StatusCode == HttpStatusCode.Forbidden ||
                                      ErrorCode == "AccessDeniedException" || ErrorCode == "UnrecognizedClientException" ||
                                      ErrorCode == "InvalidSignatureException" || ErrorCode == "MissingAuthenticationTokenException";
        public bool IsThrottling => (int)StatusCode == 429 || ErrorCode == "ThrottlingException" ||
                                    ErrorCode == "TooManyRequestsException" || ErrorCode == "LimitExceededException";
        public bool IsInvalidInput => ErrorCode == "InvalidParameterException" || ErrorCode == "InvalidRequestException";
        public bool IsQuotaExceeded => ErrorCode == "ServiceQuotaExceededException";

        public override string Message
        {
            get
            {
                string what = Operation == null ? "Connect" : Operation + (ResourceId == null ? "" : " for '" + ResourceId + "'");
                string code = string.IsNullOrEmpty(ErrorCode) ? "HTTP " + (int)StatusCode : ErrorCode + " (HTTP " + (int)StatusCode + ")";
                string msg = string.IsNullOrEmpty(base.Message) ? "" : ": " + base.Message;
                string rid = string.IsNullOrEmpty(RequestId) ? "" : " Request id: " + RequestId + ".";
                string attempts = Attempts > 0 ? " Attempts: " + Attempts + "." : "";
                return what + " failed with " + code + msg + (msg.EndsWith(".", StringComparison.Ordinal) ? "" : ".") + rid + attempts;
            }
        }
    }
}
