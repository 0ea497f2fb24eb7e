using System;
using System.Buffers;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Identity;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;

namespace ConnectTools.Client
{
    /// <summary>
    /// The SDK's SigV4 signer, with the canonical request of a body-less Connect GET (DescribeUser, DescribeInstance, and
    /// ListInstances and ListUsers when their query needs no encoding) written in one pass: the SDK's general path copies
    /// the headers into a sorted list, splits and encodes the path through iterators, and walks the parameters' sorted set
    /// through LINQ into a list it sorts and encodes, on every attempt (and the JIT compiles those generic instantiations,
    /// which no ReadyToRun image holds, at the first call of a session). Everything else is the
    /// SDK's: the date and host headers and clock-skew correction (InitializeHeaders), the signing service and Region,
    /// the payload hash header, and the signature itself (ComputeSignature: string to sign, cached signing key, HMAC).
    /// Any request outside that shape is signed by <see cref="AWS4Signer"/> as it is.
    /// </summary>
    internal sealed class ConnectSigner : AWS4Signer
    {
        internal static readonly ConnectSigner Instance = new ConnectSigner();

        /// <summary>The headers AWS4Signer leaves out of the signature.</summary>
        private static readonly HashSet<string> Unsigned = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "x-amzn-trace-id", "transfer-encoding", "amz-sdk-invocation-id", "amz-sdk-request", "User-Agent", "x-amz-user-agent",
        };

        public override void Sign(IRequest request, IClientConfig clientConfig, RequestMetrics metrics, BaseIdentity identity)
        {
            var credentials = (identity as AWSCredentials ?? throw new AmazonClientException("The identity parameter must be of type AWSCredentials for the signer AWS4Signer.")).GetCredentials();
            if (credentials == null) return;
            var result = SignLean(request, clientConfig, metrics, credentials.AccessKey, credentials.SecretKey);
            if (result == null)
            {
                base.Sign(request, clientConfig, metrics, identity);
                return;
            }
            request.AWS4SignerResult = result;
            request.Headers["Authorization"] = result.ForAuthorizationHeader;
        }

        /// <summary>The one-pass signature of a plain GET (see the class); null for any other request, which the SDK signs.</summary>
        internal AWS4SigningResult? SignLean(IRequest request, IClientConfig clientConfig, RequestMetrics metrics, string accessKey, string secretKey)
        {
            if (!Plain(request)) return null;
            string? path = ConnectHttpHandler.PlainPath(request.ResourcePath, request);
            string? query = path == null ? null : ConnectHttpHandler.PlainQuery(request);
            return query == null ? null : SignPlain(request, clientConfig, metrics, path!, query, accessKey, secretKey);
        }

        /// <summary>A GET with its payload hash known, no sub-resources, trailers or chunks, at the endpoint's root.</summary>
        private static bool Plain(IRequest request) =>
            request.HttpMethod == "GET" && !string.IsNullOrEmpty(request.PrecomputedContentSha256) && !request.UseChunkEncoding
            && request.DisablePayloadSigning == null && request.SubResources.Count == 0
            && (request.TrailingHeaders == null || request.TrailingHeaders.Count == 0) && request.AlternateEndpoint == null
            && string.IsNullOrEmpty(request.OverrideSigningServiceName) && request.Endpoint != null
            && (request.Endpoint.AbsolutePath == "/" || request.Endpoint.AbsolutePath.Length == 0);

        private AWS4SigningResult? SignPlain(IRequest request, IClientConfig clientConfig, RequestMetrics metrics, string path, string query, string accessKey, string secretKey)
        {
            DateTime signedAt = InitializeHeaders(request.Headers, request.Endpoint);
            string service = DetermineService(clientConfig, request);
            request.DeterminedSigningRegion = DetermineSigningRegion(clientConfig, clientConfig.RegionEndpointServiceName, request.AlternateEndpoint, request);
            string bodyHash = SetRequestBodyHash(request, SignPayload, StreamingBodySha256, 64);

            // Headers in canonical order (lower-cased names, ordinal sort), written with the rest into one pooled buffer; a
            // value with leading, trailing or repeated spaces goes the SDK's way (it compresses them).
            int count = 0, length = request.HttpMethod.Length + path.Length + query.Length + 4 + bodyHash.Length;
            var headers = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(request.Headers.Count);
            char[]? buffer = null;
            try
            {
                foreach (var header in request.Headers)
                {
                    if (Unsigned.Contains(header.Key)) continue;
                    string value = header.Value ?? "";
                    if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[value.Length - 1]) || value.IndexOf("  ", StringComparison.Ordinal) >= 0))
                        return null;
                    var entry = new KeyValuePair<string, string>(LowerName(header.Key), value);
                    int at = count++;
                    while (at > 0 && string.CompareOrdinal(headers[at - 1].Key, entry.Key) > 0)
                    {
                        headers[at] = headers[at - 1];
                        at--;
                    }
                    headers[at] = entry;
                    length += entry.Key.Length * 2 + value.Length + 3;
                }

                buffer = ArrayPool<char>.Shared.Rent(length);
                int n = 0;
                Put(buffer, ref n, request.HttpMethod); buffer[n++] = '\n';
                Put(buffer, ref n, path); buffer[n++] = '\n';
                Put(buffer, ref n, query); buffer[n++] = '\n';
                for (int i = 0; i < count; i++)
                {
                    Put(buffer, ref n, headers[i].Key); buffer[n++] = ':';
                    Put(buffer, ref n, headers[i].Value); buffer[n++] = '\n';
                }
                buffer[n++] = '\n';
                int signedStart = n;
                for (int i = 0; i < count; i++)
                {
                    if (i > 0) buffer[n++] = ';';
                    Put(buffer, ref n, headers[i].Key);
                }
                string signedHeaders = SignedHeaders(buffer, signedStart, n - signedStart);
                buffer[n++] = '\n';
                Put(buffer, ref n, bodyHash);
                string canonical = new string(buffer, 0, n);
                metrics?.AddProperty(Metric.CanonicalRequest, canonical);
                request.SignatureVersion = SignatureVersion.SigV4;
                return ComputeSignature(accessKey, secretKey, request.DeterminedSigningRegion, signedAt, service, signedHeaders, canonical, metrics);
            }
            finally
            {
                Array.Clear(headers, 0, count);
                ArrayPool<KeyValuePair<string, string>>.Shared.Return(headers);
                if (buffer != null) ArrayPool<char>.Shared.Return(buffer);
            }
        }

        private static void Put(char[] buffer, ref int n, string s)
        {
            s.CopyTo(0, buffer, n, s.Length);
            n += s.Length;
        }

        /// <summary>The header names Connect requests carry, lower-cased once; any other name per call.</summary>
        private static readonly Dictionary<string, string> LowerNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = "host", ["X-Amz-Date"] = "x-amz-date", ["X-Amz-Api-Version"] = "x-amz-api-version",
            ["X-Amz-Content-SHA256"] = "x-amz-content-sha256", ["x-amz-security-token"] = "x-amz-security-token", ["Content-Type"] = "content-type",
        };

        private static string LowerName(string name) => LowerNames.TryGetValue(name, out var lower) ? lower : name.ToLowerInvariant();

        private string? _lastSignedHeaders;

        /// <summary>The signed-header list, the same string as last time when it is the same (it nearly always is).</summary>
        private string SignedHeaders(char[] buffer, int start, int length)
        {
            string? last = _lastSignedHeaders;
            if (last != null && last.Length == length
                && last.AsSpan().SequenceEqual(new ReadOnlySpan<char>(buffer, start, length)))
                return last;
            return _lastSignedHeaders = new string(buffer, start, length);
        }
    }
}
