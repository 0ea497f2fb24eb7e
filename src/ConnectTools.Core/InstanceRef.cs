namespace ConnectTools
{
    /// <summary>An instance given as an id or an instance ARN (or a user ARN, where <see cref="ResourceIds.ParseInstance(string, string, bool)"/> allows one).</summary>
    public sealed class InstanceRef
    {
        internal InstanceRef(string text, string instanceId, ConnectArn? arn)
        {
            Text = text;
            InstanceId = instanceId;
            Arn = arn;
        }

        /// <summary>What the user typed.</summary>
        public string Text { get; }
        public string InstanceId { get; }
        public ConnectArn? Arn { get; }
        public override string ToString() => Text;
    }
}
