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
        private static readonly PropertyInfo? ConfigFilePathProperty =
            typeof(SharedCredentialsFile).GetProperty("ConfigFilePath", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

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
            if (configVariable != null) ConfigFilePathProperty?.GetSetMethod(nonPublic: true)?.Invoke(_shared, new object[] { _configPath });
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

        internal AWSCredentials CredentialsFor(CredentialProfile profile)
        {
            if (!profile.CanCreateAWSCredentials)
                throw new ConnectInputException("ProfileName",
                    $"The profile '{profile.Name}' holds no usable credentials (no keys, role, SSO or credential_process settings). Searched {Describe()}.");
            try
            {
                return AWSCredentialsFactory.GetAWSCredentials(profile, this);
            }
            catch (Exception e) when (!(e is ConnectInputException))
            {
                throw new ConnectConfigurationException($"The profile '{profile.Name}' could not be turned into credentials: {e.Message}", e);
            }
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
