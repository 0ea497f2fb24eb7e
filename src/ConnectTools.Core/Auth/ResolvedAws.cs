using Amazon.Runtime;

namespace ConnectTools.Auth
{
    /// <summary>Credentials and region, with where each came from (for -Verbose; never a secret).</summary>
    public sealed class ResolvedAws
    {
        internal ResolvedAws(AWSCredentials credentials, string credentialSource, string region, string regionSource, string? identityKey)
        {
            Credentials = credentials;
            CredentialSource = credentialSource;
            Region = region;
            RegionSource = regionSource;
            IdentityKey = identityKey;
        }

        public AWSCredentials Credentials { get; }
        public string CredentialSource { get; }
        public string Region { get; }
        public string RegionSource { get; }

        /// <summary>Identifies the credential source for client reuse, without holding a secret.</summary>
        internal string? IdentityKey { get; }
    }
}
