import { HEADLINE_LANGUAGE_CHOICES, useChooseHeadlineLanguage, useHeadlineLanguage } from '../api/headline-language';

/** "Headlines in: English / Français / العربية / Any": the language event headlines are shown in, when an event has a story in it. */
export function HeadlineLanguagePicker() {
  const language = useHeadlineLanguage();
  const choose = useChooseHeadlineLanguage();
  return (
    <p className="headline-language">
      <label htmlFor="headline-language">Headlines in</label>{' '}
      <select
        id="headline-language"
        data-testid="headline-language"
        value={language}
        onChange={(event) => {
          const choice = HEADLINE_LANGUAGE_CHOICES.find((item) => item.value === event.target.value);
          if (choice) choose(choice.value);
        }}
      >
        {HEADLINE_LANGUAGE_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value} lang={choice.value === 'any' ? undefined : choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </p>
  );
}
