using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace ConnectTools.Client
{
    /// <summary>The response of one call: the deserialized body.</summary>
    internal sealed class ConnectResponse<T> : AmazonWebServiceResponse where T : class
    {
        internal T? Body;
    }

    /// <summary>The unmarshaller of each operation, with its body's reader.</summary>
    internal static class ConnectUnmarshallers
    {
        internal static readonly ConnectUnmarshaller<DescribeInstanceBody> DescribeInstance = new ConnectUnmarshaller<DescribeInstanceBody>(WireReader.DescribeInstanceBody);
        internal static readonly ConnectUnmarshaller<ListInstancesBody> ListInstances = new ConnectUnmarshaller<ListInstancesBody>(WireReader.ListInstancesBody);
        internal static readonly ConnectUnmarshaller<DescribeUserBody> DescribeUser = new ConnectUnmarshaller<DescribeUserBody>(WireReader.DescribeUserBody);
        internal static readonly ConnectUnmarshaller<ListUsersBody> ListUsers = new ConnectUnmarshaller<ListUsersBody>(WireReader.ListUsersBody);
        internal static readonly ConnectUnmarshaller<SearchUsersResponseBody> SearchUsers = new ConnectUnmarshaller<SearchUsersResponseBody>(WireReader.SearchUsersResponseBody);
    }

    /// <summary>
    /// Reads a Connect response body with <see cref="WireReader"/>; errors are read by the SDK's own JSON error unmarshaller
    /// (X-Amzn-ErrorType header, __type, code) into <see cref="ConnectServiceException"/>.
    /// </summary>
    internal sealed class ConnectUnmarshaller<T> : JsonResponseUnmarshaller, IConnectBodyReader where T : class
    {
        /// <summary>Bytes rented at first when the response gives no length; the buffer doubles as the body needs.</summary>
        internal const int InitialBufferSize = 16 * 1024;

        private readonly WireReader.Value<T?> _read;

        internal ConnectUnmarshaller(WireReader.Value<T?> read) => _read = read;

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var body = new MemoryStream();
            context.Stream.CopyTo(body);
            return Read(new ReadOnlySpan<byte>(body.GetBuffer(), 0, (int)body.Length));
        }

        /// <summary>
        /// The body of a successful response (see <see cref="ConnectUnmarshalStage"/>): read whole from the HTTP content
        /// stream into a pooled buffer, asynchronously, then parsed.
        /// </summary>
        public async Task<AmazonWebServiceResponse> ReadAsync(Stream stream, long contentLength, CancellationToken cancellationToken)
        {
            // One byte more than announced, so the end of the stream is seen without growing the buffer.
            int size = contentLength > 0 && contentLength < 64 * 1024 * 1024 ? (int)contentLength + 1 : InitialBufferSize;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                int length = 0, read;
                while ((read = await ReadAsync(stream, buffer, length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length == buffer.Length) buffer = WireReader.Grow(buffer, length);
                }
                return Read(new ReadOnlySpan<byte>(buffer, 0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

#if NET
        private static ValueTask<int> ReadAsync(Stream stream, byte[] buffer, int offset, CancellationToken cancellationToken) =>
            stream.ReadAsync(buffer.AsMemory(offset), cancellationToken);
#else
        private static Task<int> ReadAsync(Stream stream, byte[] buffer, int offset, CancellationToken cancellationToken) =>
            stream.ReadAsync(buffer, offset, buffer.Length - offset, cancellationToken);
#endif

        private AmazonWebServiceResponse Read(ReadOnlySpan<byte> json)
        {
            T? body;
            try
            {
                body = WireReader.Parse(json, _read);
            }
            catch (JsonException e)
            {
                throw Unreadable(e);
            }
            return Response(body);
        }

        private static InvalidDataException Unreadable(JsonException e) =>
            e.LineNumber == 0 && e.BytePositionInLine == 0
                ? new InvalidDataException("The response body is empty where a JSON object was expected.", e)
                : new InvalidDataException("The response body is not valid JSON of the expected shape (" + e.Message + ").", e);

        private static ConnectResponse<T> Response(T? body) =>
            new ConnectResponse<T> { Body = body ?? throw new InvalidDataException("The response body is empty or null where a JSON object was expected.") };

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            ErrorResponse error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            string? requestId = error.RequestId;
            if (string.IsNullOrEmpty(requestId))
                requestId = context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
            return new ConnectServiceException(error.Message ?? "", innerException, error.Type, error.Code, requestId, statusCode);
        }
    }
}
