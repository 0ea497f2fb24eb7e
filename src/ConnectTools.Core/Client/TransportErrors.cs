using System;
using Amazon.Runtime;

namespace ConnectTools.Client
{
    /// <summary>Failures with no HTTP response: timeouts, refused or reset connections, TLS failures.</summary>
    internal static class TransportErrors
    {
        internal static bool IsTransportFailure(Exception e) =>
            e is TimeoutException || e is OperationCanceledException || e is System.Net.Http.HttpRequestException ||
            e is System.IO.IOException || e is System.Net.Sockets.SocketException || e is System.Security.Authentication.AuthenticationException;

        internal static string TransportCode(Exception e) =>
            e is TimeoutException || e is OperationCanceledException ? "RequestTimeout"
            : Innermost(e) is System.Security.Authentication.AuthenticationException ? "TlsFailure"
            : "ConnectionFailed";

        internal static string TransportMessage(Exception e)
        {
            var inner = Innermost(e);
            switch (TransportCode(e))
            {
                case "RequestTimeout":
                    return "No response arrived in time (see -ReadTimeoutSec and -ConnectTimeoutSec): " + e.Message;
                case "TlsFailure":
                    return "The TLS connection failed: " + inner.Message +
                           " If the endpoint uses a private CA, give its certificate with -CaBundle; -SkipCertificateCheck turns verification off.";
                default:
                    return "The connection failed: " + inner.Message;
            }
        }

        internal static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }

        internal static ConnectServiceException ToServiceException(Exception e) =>
            new ConnectServiceException(TransportMessage(e), e, ErrorType.Unknown, TransportCode(e), null, 0);

        /// <summary>A certificate the client does not trust stays untrusted on the next attempt.</summary>
        internal static bool IsTlsFailure(Exception e) => Innermost(e) is System.Security.Authentication.AuthenticationException;
    }
}
