using System;
using System.Reflection;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace ConnectTools.Auth
{
    /// <summary>
    /// The credentials half of <see cref="AwsResolver"/>: the first source that gives credentials, in AWS Tools for
    /// PowerShell v5's order, with where they came from and a key that tells sources apart without a secret.
    /// </summary>
    internal static class CredentialResolver
    {
        internal static AWSCredentials Resolve(AwsSettings s, ProfileLookup profiles, Action<string> log,
            out string source, out string? identityKey, out CredentialProfile? selectedProfile)
        {
            selectedProfile = null;
            if (s.NoSignRequest)
            {
                source = "none: -NoSignRequest sends unsigned requests";
                identityKey = "anonymous";
                return new AnonymousAWSCredentials();
            }

            // 1. Explicit keys.
            if (!string.IsNullOrEmpty(s.AccessKey))
            {
                source = "-AccessKey/-SecretKey" + (string.IsNullOrEmpty(s.SessionToken) ? "" : "/-SessionToken") + " parameters (access key " + AwsResolver.Mask(s.AccessKey!) + ")";
                identityKey = "keys:" + s.AccessKey + ":" + Fingerprint(s.SecretKey! + "\n" + s.SessionToken);
                return string.IsNullOrEmpty(s.SessionToken)
                    ? new BasicAWSCredentials(s.AccessKey, s.SecretKey)
                    : (AWSCredentials)new SessionAWSCredentials(s.AccessKey, s.SecretKey, s.SessionToken);
            }
            log("Credentials: no -AccessKey/-SecretKey.");

            // 2. A named profile (or the default profile of an explicit -ProfileLocation): missing is an error, never a fall-through.
            if (!string.IsNullOrEmpty(s.ProfileName) || !string.IsNullOrEmpty(s.ProfileLocation))
            {
                string name = string.IsNullOrEmpty(s.ProfileName) ? "default" : s.ProfileName!;
                selectedProfile = profiles.Require(name, "-ProfileName");
                source = "profile '" + name + "'" + ProfileLookup.Kind(selectedProfile) + " (" + profiles.Describe() + ")";
                identityKey = "profile:" + profiles.Location + ":" + name;
                return profiles.CredentialsFor(selectedProfile, source);
            }
            log("Credentials: no -ProfileName.");

            // 3. A credentials object.
            if (s.Credential != null && ReadPasswordCredential(Unwrap(s.Credential)) is (string keyId, string secret))
            {
                // A PSCredential (Get-Credential, SecretManagement): user name = access key id, password = secret key.
                if (string.IsNullOrWhiteSpace(keyId))
                    throw new ConnectInputException("Credential", "The PSCredential given to -Credential has an empty user name. Put the access key id in the user name and the secret access key in the password.");
                if (secret.Length == 0)
                    throw new ConnectInputException("Credential", "The PSCredential given to -Credential has an empty password. Put the secret access key in the password.");
                keyId = keyId.Trim().TrimStart('\\'); // Windows PowerShell's credential dialog writes "\<user>" for a user without a domain
                source = "-Credential (PSCredential, access key " + AwsResolver.Mask(keyId) + ")";
                identityKey = "keys:" + keyId + ":" + Fingerprint(secret + "\n");
                return new BasicAWSCredentials(keyId, secret);
            }
            if (s.Credential != null)
            {
                var c = DuckTypedCredentials.TryWrap(Unwrap(s.Credential))
                        ?? throw new ConnectInputException("Credential",
                            "-Credential must be an AWSCredentials object (for example from Get-AWSCredential) or a PSCredential (user name = access key id, password = secret key, for example from Get-Credential); got " + Unwrap(s.Credential)!.GetType().FullName + ".");
                source = "-Credential (" + Unwrap(s.Credential)!.GetType().Name + ")";
                identityKey = "object:" + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Unwrap(s.Credential));
                return ObserveIfRefreshing(c, source);
            }
            log("Credentials: no -Credential.");

            // 4. The session's credentials ($StoredAWSCredentials, from Set-AWSCredential).
            if (s.StoredCredentials != null)
            {
                var stored = Unwrap(s.StoredCredentials)!;
                var inner = ReadStoredCredentials(stored);
                var c = DuckTypedCredentials.TryWrap(inner);
                if (c != null)
                {
                    source = "$StoredAWSCredentials (set by Set-AWSCredential; " + stored.GetType().Name + ")";
                    identityKey = "stored:" + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(inner);
                    return ObserveIfRefreshing(c, source);
                }
                log("Credentials: $StoredAWSCredentials is set but holds no usable credentials (a " + stored.GetType().FullName + "); ignored.");
            }
            else
            {
                log("Credentials: no $StoredAWSCredentials.");
            }

            // 5. Environment keys.
            var env = s.Environment;
            string? envAccess = env.Get("AWS_ACCESS_KEY_ID"), envSecret = env.Get("AWS_SECRET_ACCESS_KEY"), envToken = env.Get("AWS_SESSION_TOKEN");
            if (envAccess != null && envSecret != null)
            {
                source = "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY" + (envToken == null ? "" : "/AWS_SESSION_TOKEN") + " (access key " + AwsResolver.Mask(envAccess) + ")";
                identityKey = "env:" + envAccess + ":" + Fingerprint(envSecret + "\n" + envToken);
                return envToken == null ? new BasicAWSCredentials(envAccess, envSecret) : (AWSCredentials)new SessionAWSCredentials(envAccess, envSecret, envToken);
            }
            if (envAccess != null || envSecret != null)
                log("Credentials: only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set; ignored.");
            else
                log("Credentials: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment.");

            // 6. AWS_PROFILE.
            string? envProfile = env.Get("AWS_PROFILE");
            if (envProfile != null)
            {
                selectedProfile = profiles.Require(envProfile, "the AWS_PROFILE environment variable");
                source = "profile '" + envProfile + "' named by AWS_PROFILE" + ProfileLookup.Kind(selectedProfile) + " (" + profiles.Describe() + ")";
                identityKey = "profile:" + profiles.Location + ":" + envProfile;
                return profiles.CredentialsFor(selectedProfile, source);
            }
            log("Credentials: no AWS_PROFILE.");

            // 7. The default profile.
            if (profiles.TryGet("default", out var defaultProfile))
            {
                selectedProfile = defaultProfile;
                if (defaultProfile!.CanCreateAWSCredentials)
                {
                    source = "profile 'default'" + ProfileLookup.Kind(defaultProfile) + " (" + profiles.Describe() + ")";
                    identityKey = "profile:" + profiles.Location + ":default";
                    return profiles.CredentialsFor(defaultProfile, source);
                }
                log("Credentials: profile 'default' has no credentials (region or settings only).");
            }
            else
            {
                log("Credentials: no 'default' profile in " + profiles.Describe() + ".");
            }

            // 8. Web identity, container and EC2 instance credentials.
            string? tokenFile = env.Get("AWS_WEB_IDENTITY_TOKEN_FILE"), roleArn = env.Get("AWS_ROLE_ARN");
            if (tokenFile != null && roleArn != null)
            {
                source = "web identity (role " + roleArn + " with the token in " + tokenFile + ", from AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE; STS " +
                         (env.Get("AWS_ENDPOINT_URL_STS") ?? env.Get("AWS_ENDPOINT_URL") ?? "of the SDK's default Region") + ")";
                identityKey = "webidentity:" + roleArn + ":" + tokenFile;
                return Observe(() => AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables(), source,
                    "Check that the token file exists and holds a current token, and that the role trusts its issuer (AssumeRoleWithWebIdentity).");
            }
            string? relativeUri = env.Get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), fullUri = env.Get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
            if (relativeUri != null || fullUri != null)
            {
                string authorization = env.Get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") != null ? ", authorization token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
                    : env.Get("AWS_CONTAINER_AUTHORIZATION_TOKEN") != null ? ", authorization token from AWS_CONTAINER_AUTHORIZATION_TOKEN" : "";
                source = "container credentials (" + (relativeUri != null ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI " + relativeUri : "AWS_CONTAINER_CREDENTIALS_FULL_URI " + fullUri) + authorization + ")";
                identityKey = "container:" + (relativeUri ?? fullUri) + authorization;
                return Observe(() => new GenericContainerCredentials(), source,
                    "On ECS, check the task role; on EKS, the pod identity association; elsewhere, that the endpoint and its authorization token are right.");
            }
            var imds = InstanceMetadata.Probe(env, s.MetadataTimeout);
            if (imds.Available)
            {
                source = "EC2 instance profile (instance metadata at " + imds.Endpoint + ")";
                identityKey = "instance:" + imds.Endpoint;
                return Observe(() => new InstanceProfileAWSCredentials(), source,
                    "Check that the instance has an instance profile (IAM role) attached and that IMDSv2 answers.");
            }
            log("Credentials: no container credentials; EC2 instance metadata " + imds.Describe() + ".");

            throw new ConnectConfigurationException("No AWS credentials were found. Searched -AccessKey/-SecretKey, -ProfileName, -Credential, " +
                "$StoredAWSCredentials, the environment, AWS_PROFILE, the 'default' profile (" + profiles.Describe() + "), " +
                "container and EC2 instance credentials. " + AwsResolver.NoCredentialsHelp) { InputName = "Credential" };
        }

        /// <summary>
        /// Makes credentials the SDK fetches itself, wrapped so each fetch is reported and a failure names the source
        /// (also a failure while making them: the instance profile provider asks instance metadata for the role name).
        /// </summary>
        internal static ObservedCredentials Observe(Func<AWSCredentials> make, string source, string? fixHint)
        {
            try
            {
                return new ObservedCredentials(make(), source, fixHint);
            }
            catch (Exception e) when (!(e is ConnectConfigurationException) && !(e is ConnectInputException))
            {
                throw new ConnectConfigurationException("Could not get credentials from " + source + ": " + e.Message + (fixHint == null ? "" : " " + fixHint), e) { InputName = "Credential" };
            }
        }

        /// <summary>
        /// A credentials object given by the caller (-Credential, $StoredAWSCredentials) that may change under us (the SDK's
        /// refreshing kinds, or another AWSSDK.Core's object) is observed like the ones resolved here; fixed keys are not.
        /// </summary>
        private static AWSCredentials ObserveIfRefreshing(AWSCredentials credentials, string source) =>
            credentials is BasicAWSCredentials || credentials is SessionAWSCredentials || credentials is AnonymousAWSCredentials || credentials is ObservedCredentials
                ? credentials
                : new ObservedCredentials(credentials, source, null);

        /// <summary>
        /// The user name and password of a System.Management.Automation.PSCredential (read by reflection: the core does
        /// not reference PowerShell), or null for any other object.
        /// </summary>
        private static (string, string)? ReadPasswordCredential(object? value)
        {
            if (value == null || value.GetType().FullName != "System.Management.Automation.PSCredential") return null;
            string user = value.GetType().GetProperty("UserName")?.GetValue(value) as string ?? "";
            var network = value.GetType().GetMethod("GetNetworkCredential", Type.EmptyTypes)?.Invoke(value, null) as System.Net.NetworkCredential;
            return (user, network?.Password ?? "");
        }

        /// <summary>The Credentials property of an AWSPSCredentials, which is not public: read by reflection.</summary>
        private static object? ReadStoredCredentials(object stored)
        {
            if (stored is AWSCredentials direct) return direct;
            var property = stored.GetType().GetProperty("Credentials", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            return property?.GetValue(stored);
        }

        /// <summary>PowerShell wraps values in PSObject; the cmdlet layer passes base objects, but be forgiving.</summary>
        private static object? Unwrap(object? value)
        {
            if (value == null) return null;
            var baseObject = value.GetType().FullName == "System.Management.Automation.PSObject"
                ? value.GetType().GetProperty("BaseObject")?.GetValue(value)
                : null;
            return baseObject ?? value;
        }

        private static string Fingerprint(string secret)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            var hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(secret));
            return Convert.ToBase64String(hash, 0, 12);
        }
    }
}
