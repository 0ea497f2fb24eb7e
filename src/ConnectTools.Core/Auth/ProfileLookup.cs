using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace ConnectTools.Auth
{
    /// <summary>
    /// Profiles through the SDK's own stores (shared credentials and config files, and on Windows the SDK store), so
    /// SSO, assume-role and credential_process profiles work as in AWS Tools.
    /// </summary>
    internal sealed class ProfileLookup
    {
        private readonly CredentialProfileStoreChain _chain;
        private readonly string? _location;

        internal ProfileLookup(string? profileLocation)
        {
            _location = string.IsNullOrEmpty(profileLocation) ? null : Path.GetFullPath(profileLocation);
            _chain = _location == null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(_location);
        }

        internal string Location => _location ?? "";

        internal bool TryGet(string name, out CredentialProfile? profile)
        {
            profile = null;
            if (_location != null && !File.Exists(_location)) return false;
            return _chain.TryGetProfile(name, out profile);
        }

        internal CredentialProfile Require(string name, string origin)
        {
            if (_location != null && !File.Exists(_location))
                throw new ConnectInputException("ProfileLocation", $"The profile file '{_location}' given by -ProfileLocation does not exist. Give the path of a shared credentials file.");
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
                return AWSCredentialsFactory.GetAWSCredentials(profile, _chain);
            }
            catch (Exception e) when (!(e is ConnectInputException))
            {
                throw new ConnectConfigurationException($"The profile '{profile.Name}' could not be turned into credentials: {e.Message}", e);
            }
        }

        /// <summary>The files searched, for messages.</summary>
        internal string Describe()
        {
            var shared = _location == null ? new SharedCredentialsFile() : new SharedCredentialsFile(_location);
            var parts = new List<string> { "credentials file '" + shared.FilePath + "'" };
            if (!string.IsNullOrEmpty(shared.ConfigFilePath)) parts.Add("config file '" + shared.ConfigFilePath + "'");
            if (_location == null && RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) parts.Add("the AWS SDK store (RegisteredAccounts.json)");
            return string.Join(", ", parts);
        }
    }
}
