using System;
using Amazon.Runtime.CredentialManagement;

namespace ConnectTools.Auth
{
    /// <summary>
    /// The Region half of <see cref="AwsResolver"/>: -Region, $StoredAWSRegion, the profile's region, AWS_REGION or
    /// AWS_DEFAULT_REGION, then EC2 instance metadata; every name is checked against <see cref="ConnectRegions"/>.
    /// </summary>
    internal static class RegionResolver
    {
        internal static string Resolve(AwsSettings s, ProfileLookup profiles, CredentialProfile? selectedProfile, Action<string> log, out string source)
        {
            if (!string.IsNullOrEmpty(s.Region))
            {
                source = s.RegionSource ?? "-Region parameter";
                return AwsResolver.CheckRegion(s.Region!, "Region", s.RegionSource ?? "-Region");
            }
            if (!string.IsNullOrEmpty(s.StoredRegion))
            {
                source = "$StoredAWSRegion (set by Set-DefaultAWSRegion)";
                return AwsResolver.CheckRegion(s.StoredRegion!, "Region", "$StoredAWSRegion");
            }
            log("Region: no -Region and no $StoredAWSRegion.");

            CredentialProfile? profile = selectedProfile;
            string? profileName = profile?.Name;
            if (profile == null)
            {
                profileName = s.ProfileName ?? s.Environment.Get("AWS_PROFILE") ?? "default";
                profiles.TryGet(profileName, out profile);
            }
            if (profile?.Region != null)
            {
                source = "region of profile '" + profileName + "'";
                return AwsResolver.CheckRegion(profile.Region.SystemName, "Region", "the region of profile '" + profileName + "'");
            }
            log("Region: profile '" + profileName + "' sets no region.");

            foreach (var name in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            {
                string? value = s.Environment.Get(name);
                if (value != null)
                {
                    source = "environment variable " + name;
                    return AwsResolver.CheckRegion(value, "Region", "the " + name + " environment variable");
                }
            }
            log("Region: no AWS_REGION or AWS_DEFAULT_REGION.");

            var imds = InstanceMetadata.Probe(s.Environment, s.MetadataTimeout);
            if (imds.Available && imds.Region != null)
            {
                source = "EC2 instance metadata";
                return imds.Region;
            }
            log("Region: EC2 instance metadata " + imds.Describe() + ".");
            throw new ConnectConfigurationException("No AWS Region was found. " + AwsResolver.NoRegionHelp) { InputName = "Region" };
        }
    }
}
