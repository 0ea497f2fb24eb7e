using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace ConnectTools.Auth
{
    /// <summary>
    /// Wraps credentials the SDK fetches and refreshes itself (instance profile, container, web identity, assume-role,
    /// SSO, credential_process): every call goes to the SDK's own object, so its refresh logic is untouched. It adds two
    /// things: a message each time the SDK hands out new credentials (the first fetch and every refresh: source, masked
    /// access key id and expiry, never a secret), and a failure that names the source and says how to fix it instead of
    /// the SDK's bare exception.
    /// </summary>
    public sealed class ObservedCredentials : AWSCredentials
    {
        /// <summary>The credentials pinned for the current HTTP attempt (see <see cref="CredentialPinHandler"/>).</summary>
        internal static readonly AsyncLocal<Pin?> Pinned = new AsyncLocal<Pin?>();

        internal sealed class Pin
        {
            internal Pin(ObservedCredentials owner, ImmutableCredentials credentials)
            {
                Owner = owner;
                Credentials = credentials;
            }

            internal ObservedCredentials Owner { get; }
            internal ImmutableCredentials Credentials { get; }
        }

        private readonly object _gate = new object();
        private string? _lastAccessKey;
        private int _refreshes;

        internal ObservedCredentials(AWSCredentials inner, string source, string? fixHint)
        {
            Inner = inner ?? throw new ArgumentNullException(nameof(inner));
            Source = source;
            FixHint = fixHint;
        }

        internal AWSCredentials Inner { get; }

        /// <summary>Where the credentials come from, as -Verbose names it.</summary>
        public string Source { get; }

        internal string? FixHint { get; }

        /// <summary>How often the SDK replaced the credentials after the first fetch.</summary>
        public int Refreshes => _refreshes;

        /// <summary>
        /// Raised, on whatever thread signs the request, when the SDK hands out credentials it has not handed out before.
        /// The text never holds a secret.
        /// </summary>
        public event Action<string>? Fetched;

        public override DateTime? Expiration => Inner.Expiration;

        public override ImmutableCredentials GetCredentials() => GetCredentials(ignorePin: false);

        internal ImmutableCredentials GetCredentials(bool ignorePin)
        {
            if (!ignorePin && Pinned.Value is Pin pin && ReferenceEquals(pin.Owner, this)) return pin.Credentials;
            ImmutableCredentials credentials;
            try
            {
                credentials = Inner.GetCredentials();
            }
            catch (Exception e) when (!(e is ConnectConfigurationException) && !(e is OperationCanceledException))
            {
                throw Failure(e);
            }
            return Observe(credentials);
        }

        public override Task<ImmutableCredentials> GetCredentialsAsync() => GetCredentialsAsync(ignorePin: false);

        internal async Task<ImmutableCredentials> GetCredentialsAsync(bool ignorePin)
        {
            if (!ignorePin && Pinned.Value is Pin pin && ReferenceEquals(pin.Owner, this)) return pin.Credentials;
            ImmutableCredentials credentials;
            try
            {
                credentials = await Inner.GetCredentialsAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is ConnectConfigurationException) && !(e is OperationCanceledException))
            {
                throw Failure(e);
            }
            return Observe(credentials);
        }

        private ImmutableCredentials Observe(ImmutableCredentials credentials)
        {
            if (credentials == null) throw Failure(new InvalidOperationException("the provider returned no credentials"));
            string? message = null;
            lock (_gate)
            {
                if (!string.Equals(credentials.AccessKey, _lastAccessKey, StringComparison.Ordinal))
                {
                    bool first = _lastAccessKey == null;
                    _lastAccessKey = credentials.AccessKey;
                    if (!first) _refreshes++;
                    message = (first ? "Credentials: fetched from " : "Credentials: refreshed (" + _refreshes.ToString(CultureInfo.InvariantCulture) + ") from ") +
                              Source + ": access key " + AwsResolver.Mask(credentials.AccessKey ?? "") + ExpiryText() + ".";
                }
            }
            if (message != null) Fetched?.Invoke(message);
            return credentials;
        }

        private string ExpiryText()
        {
            // RefreshingAWSCredentials reports the expiry less its safety buffer; add it back to show what the service said.
            DateTime? expiration = Inner.Expiration;
            // credential_process output without an Expiration means "never" (DateTime.MaxValue).
            if (expiration == null || expiration.Value.Year >= 9999) return ", no expiry";
            var real = expiration.Value.ToUniversalTime() + (Inner is RefreshingAWSCredentials r ? r.ExpirationBuffer : TimeSpan.Zero);
            return ", expires " + real.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        private ConnectConfigurationException Failure(Exception e)
        {
            string detail = Describe(e);
            bool ssoExpired = detail.IndexOf("SSO Token", StringComparison.OrdinalIgnoreCase) >= 0 ||
                              detail.IndexOf("UnauthorizedException", StringComparison.Ordinal) >= 0 ||
                              detail.IndexOf("Session token not found or invalid", StringComparison.OrdinalIgnoreCase) >= 0;
            string message = "Could not get credentials from " + Source + ": " + detail;
            if (!message.EndsWith(".", StringComparison.Ordinal)) message += ".";
            if (ssoExpired && FixHint != null && FixHint.IndexOf("aws sso login", StringComparison.Ordinal) >= 0)
                message = "The SSO sign-in for " + Source + " has expired or was never made (" + detail.TrimEnd('.') + "). " + FixHint;
            else if (FixHint != null)
                message += " " + FixHint;
            return new ConnectConfigurationException(message, e) { InputName = "Credential" };
        }

        /// <summary>The SDK's own words, without the wrapping layers (an assembly load failure keeps its first line).</summary>
        private static string Describe(Exception e)
        {
            var parts = new System.Collections.Generic.List<string>();
            for (var current = e; current != null && parts.Count < 3; current = current.InnerException)
            {
                string text = current.Message.Trim();
                if (text.StartsWith("Exception of type ", StringComparison.Ordinal)) continue; // a wrapper with nothing to say
                if (current is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode) && text.IndexOf(service.ErrorCode, StringComparison.Ordinal) < 0)
                    text = service.ErrorCode + ": " + text;
                if (text.Length > 0 && !parts.Exists(p => p.IndexOf(text, StringComparison.Ordinal) >= 0)) parts.Add(text);
                if (current is ConnectConfigurationException) break;
            }
            return string.Join(" ", parts);
        }
    }
}
