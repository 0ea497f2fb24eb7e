using System;
using System.Management.Automation;
using ConnectTools.Enumeration;

namespace ConnectTools.Commands
{
    /// <summary>Turns ConnectTools' exceptions into ErrorRecords with stable ids and the right categories.</summary>
    internal static class ErrorMapping
    {
        internal static bool IsMapped(Exception e) =>
            e is ConnectInputException || e is ConnectServiceException || e is ConnectConfigurationException || e is ConnectPagingException ||
            e is TimeoutException || e is System.Net.Http.HttpRequestException;

        /// <summary>
        /// Errors after which nothing else can work: configuration (no region, no credentials, a bad endpoint or CA file),
        /// and authentication failures (a wrong secret, an unknown or expired key).
        /// </summary>
        internal static bool IsTerminating(Exception e)
        {
            switch (e)
            {
                case ConnectConfigurationException _:
                case ConnectPagingException _:
                    return true;
                case ConnectInputException input:
                    return IsSessionParameter(input.ParamName);
                case ConnectServiceException s:
                    return s.ErrorCode == "UnrecognizedClientException" || s.ErrorCode == "InvalidSignatureException" ||
                           s.ErrorCode == "MissingAuthenticationTokenException" || s.ErrorCode == "ExpiredTokenException" ||
                           s.ErrorCode == "InvalidClientTokenId" || s.ErrorCode == "SignatureDoesNotMatch";
                default:
                    return false;
            }
        }

        private static bool IsSessionParameter(string? name) =>
            name != null && name != "InstanceId" && name != "UserId" && name != "InstanceAlias";

        internal static ErrorRecord ToRecord(Exception e, object? target, string notFoundId)
        {
            switch (e)
            {
                case ConnectInputException input:
                    return new ErrorRecord(input, "ConnectInvalidArgument", ErrorCategory.InvalidArgument, target)
                    {
                        ErrorDetails = new ErrorDetails(input.Message) { RecommendedAction = "Correct -" + input.ParamName + " and run the command again." },
                    };
                case ConnectConfigurationException config:
                    string id = config.InputName == "Region" ? "ConnectNoRegion" : config.InputName == "Credential" ? "ConnectNoCredentials" : "ConnectConfiguration";
                    var category = config.InputName == "Credential" ? ErrorCategory.AuthenticationError : ErrorCategory.InvalidOperation;
                    return new ErrorRecord(config, id, category, target);
                case ConnectPagingException paging:
                    return new ErrorRecord(paging, "ConnectPagingLoop", ErrorCategory.InvalidResult, target);
                case ConnectServiceException s:
                    return ServiceRecord(s, target, notFoundId);
                case TimeoutException t:
                    return new ErrorRecord(t, "ConnectTimeout", ErrorCategory.OperationTimeout, target);
                default:
                    return new ErrorRecord(e, "ConnectError", ErrorCategory.NotSpecified, target);
            }
        }

        private static ErrorRecord ServiceRecord(ConnectServiceException s, object? target, string notFoundId)
        {
            string id;
            ErrorCategory category;
            if (s.IsNotFound) { id = notFoundId; category = ErrorCategory.ObjectNotFound; }
            else if (IsTerminating(s)) { id = "ConnectAuthenticationFailed"; category = ErrorCategory.AuthenticationError; }
            else if (s.IsAccessDenied) { id = "ConnectAccessDenied"; category = ErrorCategory.PermissionDenied; }
            else if (s.IsThrottling) { id = "ConnectThrottled"; category = ErrorCategory.LimitsExceeded; }
            else if (s.IsInvalidInput) { id = "ConnectInvalidArgument"; category = ErrorCategory.InvalidArgument; }
            else if (s.IsQuotaExceeded) { id = "ConnectQuotaExceeded"; category = ErrorCategory.QuotaExceeded; }
            else if (s.ErrorCode == "TlsFailure") { id = "ConnectTlsFailed"; category = ErrorCategory.SecurityError; }
            else if (s.ErrorCode == "RequestTimeout") { id = "ConnectTimeout"; category = ErrorCategory.OperationTimeout; }
            else if ((int)s.StatusCode == 0) { id = "ConnectConnectionFailed"; category = ErrorCategory.ConnectionError; }
            else { id = "ConnectServiceError"; category = ErrorCategory.InvalidResult; }
            var record = new ErrorRecord(s, id, category, target);
            if (category == ErrorCategory.AuthenticationError)
                record.ErrorDetails = new ErrorDetails(s.Message) { RecommendedAction = "Check the access key and secret key (or the profile) you gave; " + Auth.AwsResolver.NoCredentialsHelp };
            return record;
        }
    }
}
