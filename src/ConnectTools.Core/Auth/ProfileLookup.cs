using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace ConnectTools.Auth
{
    /// <summary>
    /// Profiles through the SDK's own stores (the shared credentials and config files, and on Windows the SDK store),
    /// so SSO, assume-role and credential_process profiles work as in AWS Tools. The file paths are worked out on every
    /// call from the environment (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, HOME), not once per process as the SDK's
    /// defaults are, so a runbook that changes them mid-session, or names a file that does not exist, gets what it said.
    /// </summary>
    internal sealed class ProfileLookup : ICredentialProfileSource
    {
        // A delegate, not MethodInfo.Invoke: .NET compiles an invoke stub on a method's second reflected call, and a
        // lookup is made for the credentials and again for the client's shared settings (SharedConfigSettings).
        private static readonly Action<SharedCredentialsFile, string>? SetConfigFilePath = ConfigFilePathSetter();

        private static Action<SharedCredentialsFile, string>? ConfigFilePathSetter()
        {
            MethodInfo? setter = typeof(SharedCredentialsFile)
                .GetProperty("ConfigFilePath", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetSetMethod(nonPublic: true);
            return setter == null ? null : (Action<SharedCredentialsFile, string>)Delegate.CreateDelegate(typeof(Action<SharedCredentialsFile, string>), setter);
        }

        private readonly SharedCredentialsFile _shared;
        private readonly NetSDKCredentialsFile? _sdkStore;
        private readonly string _credentialsPath;
        private readonly string _configPath;
        private readonly bool _explicitLocation;

        internal ProfileLookup(string? profileLocation, IEnvironmentReader env)
        {
            _explicitLocation = !string.IsNullOrEmpty(profileLocation);
            string home = env.Get("HOME") ?? env.Get("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            _credentialsPath = Path.GetFullPath(_explicitLocation
                ? profileLocation!
                : env.Get("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(home, ".aws", "credentials"));
            string? configVariable = env.Get("AWS_CONFIG_FILE");
            // Like the SDK: AWS_CONFIG_FILE when set, else the "config" file beside the credentials file.
            _configPath = Path.GetFullPath(configVariable ?? Path.Combine(Path.GetDirectoryName(_credentialsPath) ?? ".", "config"));

            _shared = new SharedCredentialsFile(_credentialsPath);
            if (configVariable != null) SetConfigFilePath?.Invoke(_shared, _configPath);
            if (!_explicitLocation && RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                try { _sdkStore = new NetSDKCredentialsFile(); }
                catch (Exception) { _sdkStore = null; } // no SDK store on this machine
            }
        }

        internal string Location => _credentialsPath;

        public bool TryGetProfile(string profileName, out CredentialProfile profile) => TryGet(profileName, out profile!);

        internal bool TryGet(string name, out CredentialProfile? profile)
        {
            profile = null;
            if (_sdkStore != null && _sdkStore.TryGetProfile(name, out profile)) return true;
            return _shared.TryGetProfile(name, out profile);
        }

        internal CredentialProfile Require(string name, string origin)
        {
            if (_explicitLocation && !File.Exists(_credentialsPath))
                throw new ConnectInputException("ProfileLocation", $"The profile file '{_credentialsPath}' given by -ProfileLocation does not exist. Give the path of a shared credentials file.");
            if (TryGet(name, out var profile)) return profile!;
            throw new ConnectInputException("ProfileName",
                $"The profile '{InputText.Show(name)}' (from {origin}) was not found. Searched {Describe()}. " +
                "Check the name (Get-AWSCredential -ListProfileDetail lists profiles), or create it with Set-AWSCredential -StoreAs.");
        }

        internal AWSCredentials CredentialsFor(CredentialProfile profile, string source)
        {
            if (!profile.CanCreateAWSCredentials)
                throw new ConnectInputException("ProfileName",
                    $"The profile '{profile.Name}' holds no usable credentials (no keys, role, SSO or credential_process settings). Searched {Describe()}.");
            RefuseMfa(profile);
            var o = profile.Options;
            bool fetchedBySdk = !string.IsNullOrEmpty(o.RoleArn) || !string.IsNullOrEmpty(o.CredentialProcess) ||
                                !string.IsNullOrEmpty(o.SsoStartUrl) || !string.IsNullOrEmpty(o.SsoSession) || !string.IsNullOrEmpty(o.SsoAccountId);
            AWSCredentials credentials;
            try
            {
                credentials = AWSCredentialsFactory.GetAWSCredentials(profile, this);
            }
            catch (Exception e) when (!(e is ConnectInputException))
            {
                throw new ConnectConfigurationException($"The profile '{profile.Name}' could not be turned into credentials: {e.Message}" +
                    (FixHint(profile) is string hint ? " " + hint : ""), e) { InputName = "Credential" };
            }
            return fetchedBySdk ? new ObservedCredentials(credentials, source, FixHint(profile)) : credentials;
        }

        /// <summary>
        /// A role that needs an MFA code (mfa_serial, here or in a source_profile) cannot be assumed without a prompt,
        /// and ConnectTools never prompts (a runbook cannot answer one): a clear error before any call instead.
        /// </summary>
        private void RefuseMfa(CredentialProfile profile)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = profile; current != null && seen.Add(current.Name);)
            {
                string? serial = current.Options.MfaSerial;
                if (!string.IsNullOrEmpty(serial))
                {
                    string via = current.Name == profile.Name ? "" : $" (through its source_profile '{current.Name}')";
                    throw new ConnectConfigurationException(
                        $"The profile '{profile.Name}'{via} assumes role {current.Options.RoleArn} with mfa_serial {serial}, which needs a one-time MFA code, " +
                        "and ConnectTools does not prompt for one (an unattended run could not answer). Use a profile without mfa_serial " +
                        "(for a runbook, a role it may assume without MFA), or get temporary credentials first and pass them: " +
                        "in an interactive session, Set-AWSCredential -ProfileName " + profile.Name + " (AWS.Tools.Common asks for the code), " +
                        "or 'aws sts get-session-token --serial-number <device> --token-code <code>' and -AccessKey/-SecretKey/-SessionToken.")
                        { InputName = "Credential" };
                }
                string? next = current.Options.SourceProfile;
                if (string.IsNullOrEmpty(next) || !TryGet(next!, out var source)) break;
                current = source;
            }
        }

        /// <summary>What kind of profile it is, for -Verbose: " (assume role ... from source_profile ...)"; empty for keys.</summary>
        internal static string Kind(CredentialProfile profile)
        {
            var o = profile.Options;
            if (!string.IsNullOrEmpty(o.SsoSession) || !string.IsNullOrEmpty(o.SsoStartUrl))
                return " [SSO: account " + o.SsoAccountId + ", role " + o.SsoRoleName +
                       (string.IsNullOrEmpty(o.SsoSession) ? ", start URL " + o.SsoStartUrl : ", sso_session '" + o.SsoSession + "'") + "]";
            if (!string.IsNullOrEmpty(o.RoleArn) && !string.IsNullOrEmpty(o.WebIdentityTokenFile))
                return " [web identity: role " + o.RoleArn + ", token file " + o.WebIdentityTokenFile + "]";
            if (!string.IsNullOrEmpty(o.RoleArn))
                return " [assume role " + o.RoleArn +
                       (!string.IsNullOrEmpty(o.SourceProfile) ? " with source_profile '" + o.SourceProfile + "'" : " with credential_source " + o.CredentialSource) +
                       (string.IsNullOrEmpty(o.ExternalID) ? "" : ", external_id set") + "]";
            if (!string.IsNullOrEmpty(o.CredentialProcess))
                return " [credential_process]";
            return string.IsNullOrEmpty(o.Token) ? "" : " [keys with session token]";
        }

        /// <summary>What to do when the profile's credentials cannot be had.</summary>
        internal static string? FixHint(CredentialProfile profile)
        {
            var o = profile.Options;
            if (!string.IsNullOrEmpty(o.SsoSession) || !string.IsNullOrEmpty(o.SsoStartUrl))
                return "Run 'aws sso login --profile " + profile.Name + "'" +
                       (string.IsNullOrEmpty(o.SsoSession) ? "" : " (or 'aws sso login --sso-session " + o.SsoSession + "')") +
                       ", then run the command again. A runbook should not use SSO: give it a role of its own (instance profile, container or web identity credentials).";
            if (!string.IsNullOrEmpty(o.RoleArn))
                return "Check role_arn" + (string.IsNullOrEmpty(o.ExternalID) ? "" : " and external_id") +
                       " of profile '" + profile.Name + "', that its source credentials may call sts:AssumeRole on it, and that the role trusts them.";
            if (!string.IsNullOrEmpty(o.CredentialProcess))
                return "Run the credential_process command of profile '" + profile.Name + "' by hand to see why; it must exit 0 and print the JSON credentials (Version 1).";
            return null;
        }

        /// <summary>The files searched, for messages.</summary>
        internal string Describe()
        {
            var parts = new List<string>();
            if (_sdkStore != null) parts.Add("the AWS SDK store (RegisteredAccounts.json)");
            parts.Add("credentials file '" + _credentialsPath + "'" + (File.Exists(_credentialsPath) ? "" : " (missing)"));
            parts.Add("config file '" + _configPath + "'" + (File.Exists(_configPath) ? "" : " (missing)"));
            return string.Join(", ", parts);
        }
    }
}
