using System;
using Amazon.Runtime.CredentialManagement;

namespace ConnectTools.Auth
{
    /// <summary>
    /// Resolves credentials and region in AWS Tools for PowerShell v5's order. Each step is reported to the verbose
    /// callback by source (a profile name, a variable name), never by value. Nothing here prints a secret.
    /// </summary>
    public static class AwsResolver
    {
        public const string NoCredentialsHelp =
            "Set credentials with one of: Set-AWSCredential -ProfileName <name> (AWS.Tools.Common) for the session; " +
            "-ProfileName <name> (and -ProfileLocation <file>) or -AccessKey/-SecretKey on the command; " +
            "the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) environment variables; " +
            "AWS_PROFILE; or a [default] profile in the shared credentials file.";

        public const string NoRegionHelp =
            "Set a Region with one of: -Region <name> on the command (for example -Region us-east-1); " +
            "Set-DefaultAWSRegion <name> (AWS.Tools.Common) for the session; the AWS_REGION environment variable; " +
            "or 'region' in your profile in the shared config file.";

        public static ResolvedAws Resolve(AwsSettings settings, Action<string>? verbose = null)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            var log = verbose ?? (_ => { });
            ValidateCombination(settings);

            var profiles = new ProfileLookup(settings.ProfileLocation, settings.Environment);
            var credentials = CredentialResolver.Resolve(settings, profiles, log, out string credentialSource, out string? identityKey, out CredentialProfile? selectedProfile);
            log("Credentials: " + credentialSource + ".");
            var region = RegionResolver.Resolve(settings, profiles, selectedProfile, log, out string regionSource);
            log("Region: " + region + " (" + regionSource + ").");
            return new ResolvedAws(credentials, credentialSource, region, regionSource, identityKey);
        }

        private static void ValidateCombination(AwsSettings s)
        {
            bool hasAccess = !string.IsNullOrEmpty(s.AccessKey), hasSecret = !string.IsNullOrEmpty(s.SecretKey);
            if (hasAccess && !hasSecret)
                throw new ConnectInputException("SecretKey", "-AccessKey was given without -SecretKey. Give both, or use -ProfileName instead.");
            if (hasSecret && !hasAccess)
                throw new ConnectInputException("AccessKey", "-SecretKey was given without -AccessKey. Give both, or use -ProfileName instead.");
            if (!string.IsNullOrEmpty(s.SessionToken) && !hasAccess)
                throw new ConnectInputException("SessionToken", "-SessionToken was given without -AccessKey and -SecretKey. Give all three for temporary credentials.");
            if (s.NoSignRequest && (hasAccess || !string.IsNullOrEmpty(s.ProfileName) || s.Credential != null))
                throw new ConnectInputException("NoSignRequest",
                    "-NoSignRequest sends unsigned requests and loads no credentials, so it cannot be combined with -AccessKey, -ProfileName or -Credential. Remove one of them.");
            if (s.ProfileName != null && string.IsNullOrWhiteSpace(s.ProfileName))
                throw new ConnectInputException("ProfileName", "-ProfileName is empty. Give the name of a profile in your credentials or config file.");
            if (s.ProfileLocation != null && string.IsNullOrWhiteSpace(s.ProfileLocation))
                throw new ConnectInputException("ProfileLocation", "-ProfileLocation is empty. Give the path of a shared credentials file.");
        }

        /// <summary>Checks a region name against <see cref="ConnectRegions"/>; an empty, unknown or misspelt one is an input error naming where it came from.</summary>
        public static string CheckRegion(string region, string parameterName, string origin) =>
            ConnectRegions.Check(region, parameterName, origin);

        /// <summary>Shows an access key id as its first four and last four characters.</summary>
        public static string Mask(string accessKey) =>
            accessKey.Length <= 8 ? new string('*', accessKey.Length) : accessKey.Substring(0, 4) + "…" + accessKey.Substring(accessKey.Length - 4);
    }
}
