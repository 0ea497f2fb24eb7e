#if NET
using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.WarmUp
{
    /// <summary>
    /// The warm-up's connections, for the .NET build: SocketsHttpHandler's ConnectCallback gets one of these in place of
    /// a socket, so the handler's own HTTP/1.1 code (writing the request, reading and parsing the response, the pool) runs
    /// as it does on a real connection. It reads the request line, answers with <see cref="CannedConnect"/>'s body and
    /// "Connection: close", asynchronously (each read yields first, like a socket that has to wait). Nothing leaves the
    /// process.
    /// </summary>
    internal sealed class CannedHttpConnection : Stream
    {
        private readonly MemoryStream _request = new MemoryStream();
        private readonly TaskCompletionSource<bool> _head = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Action _answered;
        private byte[]? _response;
        private int _position;

        internal CannedHttpConnection(Action answered) => _answered = answered;

        /// <summary>The ConnectCallback: a new in-memory connection per request; <paramref name="answered"/> counts answers.</summary>
        internal static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Callback(Action answered) =>
            (context, cancellationToken) => new ValueTask<Stream>(new CannedHttpConnection(answered));

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(new ReadOnlySpan<byte>(buffer, offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _request.Write(buffer);
            if (!_head.Task.IsCompleted && _request.GetBuffer().AsSpan(0, (int)_request.Length).IndexOf("\r\n\r\n"u8) >= 0) _head.TrySetResult(true);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return default;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(new Memory<byte>(buffer, offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _head.Task.ConfigureAwait(false);
            await Task.Yield();
            _response ??= Answer();
            int n = Math.Min(buffer.Length, _response.Length - _position);
            _response.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return n;
        }

        /// <summary>The whole response to the request line written so far.</summary>
        private byte[] Answer()
        {
            string head = Encoding.ASCII.GetString(_request.GetBuffer(), 0, (int)_request.Length);
            int end = head.IndexOf('\r');
            string[] requestLine = (end < 0 ? head : head.Substring(0, end)).Split(' ');
            string target = requestLine.Length > 1 ? requestLine[1] : "/";
            int query = target.IndexOf('?');
            string? body = CannedConnect.Body(query < 0 ? target : target.Substring(0, query));
            if (body != null) _answered();
            byte[] content = Encoding.UTF8.GetBytes(body ?? "{}");
            string status = body == null ? "404 Not Found" : "200 OK";
            byte[] headers = Encoding.ASCII.GetBytes(
                "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + content.Length +
                "\r\nx-amzn-RequestId: " + CannedConnect.RequestId + "\r\nConnection: close\r\n\r\n");
            var response = new byte[headers.Length + content.Length];
            headers.CopyTo(response, 0);
            content.CopyTo(response, headers.Length);
            return response;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
#endif
