using System;
using System.Reflection;
using Amazon.Runtime;

namespace ConnectTools.Auth
{
    /// <summary>
    /// Wraps a credentials object from another copy of AWSSDK.Core (for example AWS.Tools.Common's, loaded in another
    /// load context): calls its GetCredentials() on every use, so refreshing credentials keep refreshing, and reads
    /// AccessKey/SecretKey/Token from the result.
    /// </summary>
    internal sealed class DuckTypedCredentials : AWSCredentials
    {
        private readonly object _inner;
        private readonly MethodInfo _getCredentials;

        private DuckTypedCredentials(object inner, MethodInfo getCredentials)
        {
            _inner = inner;
            _getCredentials = getCredentials;
        }

        internal string InnerTypeName => _inner.GetType().FullName ?? _inner.GetType().Name;

        /// <summary>Wraps <paramref name="value"/> when it has a GetCredentials() method; null otherwise.</summary>
        internal static AWSCredentials? TryWrap(object? value)
        {
            if (value == null) return null;
            if (value is AWSCredentials same) return same;
            var method = value.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
            return method == null ? null : new DuckTypedCredentials(value, method);
        }

        public override ImmutableCredentials GetCredentials()
        {
            object? result;
            try
            {
                result = _getCredentials.Invoke(_inner, null);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw new ConnectConfigurationException("Getting credentials from the " + InnerTypeName + " object failed: " + e.InnerException.Message, e.InnerException);
            }
            if (result == null) throw new ConnectConfigurationException("The " + InnerTypeName + " object returned no credentials.");
            string? accessKey = Read(result, "AccessKey"), secretKey = Read(result, "SecretKey"), token = Read(result, "Token");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
                throw new ConnectConfigurationException("The " + InnerTypeName + " object returned credentials without an access key or secret key.");
            return new ImmutableCredentials(accessKey, secretKey, token);
        }

        private static string? Read(object o, string property) =>
            o.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.GetValue(o) as string;
    }
}
