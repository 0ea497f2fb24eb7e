using System;
using Amazon.Runtime;

namespace ConnectTools.Auth
{
    /// <summary>
    /// What the caller said about credentials, region and endpoint: the AWS Tools for PowerShell common parameters,
    /// plus the session's defaults that the cmdlet layer reads from <c>$StoredAWSCredentials</c> and <c>$StoredAWSRegion</c>.
    /// </summary>
    public sealed class AwsSettings
    {
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }
        public string? ProfileName { get; set; }
        public string? ProfileLocation { get; set; }

        /// <summary>An <see cref="AWSCredentials"/> object, or an object of another AWSSDK.Core with GetCredentials().</summary>
        public object? Credential { get; set; }

        /// <summary>The value of <c>$StoredAWSCredentials</c> (an Amazon.PowerShell.Common.AWSPSCredentials), if set.</summary>
        public object? StoredCredentials { get; set; }

        /// <summary>The value of <c>$StoredAWSRegion</c>, if set.</summary>
        public string? StoredRegion { get; set; }

        public string? Region { get; set; }

        /// <summary>Where <see cref="Region"/> came from, for -Verbose and messages (default "-Region parameter").</summary>
        public string? RegionSource { get; set; }

        public string? EndpointUrl { get; set; }
        public bool NoSignRequest { get; set; }

        public IEnvironmentReader Environment { get; set; } = ProcessEnvironment.Instance;

        /// <summary>How long to wait for the EC2 instance metadata service before deciding this is not EC2.</summary>
        public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>A copy with another Region (the Region of an ARN or a piped object).</summary>
        public AwsSettings ForRegion(string? region)
        {
            var copy = (AwsSettings)MemberwiseClone();
            copy.Region = region;
            return copy;
        }
    }
}
