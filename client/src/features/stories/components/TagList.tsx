import { TagChip } from '../../../components/TagChip';
import { storyEvidence, type TaggedStory } from '../../../lib/story';

/** Regions or topics of a story, each with the evidence that put it there when the server sent it. */
export function TagList({ story, kind, nameOf }: { story: TaggedStory; kind: 'region' | 'topic'; nameOf: (tag: string) => string }) {
  const tags = kind === 'region' ? story.regions : story.topics;
  if (tags.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="tag-list">
      {tags.map((tag) => {
        const evidence = storyEvidence(story, kind, tag);
        return (
          <li key={tag} className="tag-list__item">
            <TagChip kind={kind} code={tag} label={kind === 'region' ? `${tag} · ${nameOf(tag)}` : nameOf(tag)} />
            {evidence.length > 0 && (
              <ul className="tag-list__why" aria-label={`Why ${nameOf(tag)}`}>
                {evidence.map((item, index) => (
                  <li key={index}>
                    “{item.text}” in the {item.field} <span className="muted">— {item.rule}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
