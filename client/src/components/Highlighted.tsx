import { useMemo } from 'react';
import { highlightParts } from '../lib/highlight';

/** Text with the words a search matched in <mark> (which screen readers and high-contrast modes show too). */
export function Highlighted({ text, query }: { text: string; query: string | undefined }) {
  const parts = useMemo(() => (query ? highlightParts(text, query) : null), [text, query]);
  if (!parts) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}
    </>
  );
}
