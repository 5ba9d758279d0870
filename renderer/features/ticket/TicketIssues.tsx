/** One field's problems, announced as they appear; e2e reads `data-rule`. */
export function TicketIssues({ issues, id }: { issues: ReadonlyArray<{ rule: string; message: string }>; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <div className="ticket-issues" id={id}>
      {issues.map((issue) => (
        <p key={`${issue.rule}:${issue.message}`} className="ticket-issue" role="alert" data-testid="ticket-issue" data-rule={issue.rule}>
          {issue.message}
        </p>
      ))}
    </div>
  );
}
