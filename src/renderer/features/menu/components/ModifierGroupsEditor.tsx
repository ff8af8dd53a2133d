import type { ModifierGroup, ModifierOption } from '../../../../shared/menu';
import { centsToInput, parseMoneyInput } from '../../../../shared/money';
import { SIZE_GROUP_ID } from '../../../../shared/pricing';

const slug = (name: string, taken: string[]) => {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'option';
  let id = base;
  for (let i = 2; taken.includes(id); i++) id = `${base}-${i}`;
  return id;
};

function MoneyInput({ label, cents, onChange }: { label: string; cents: number; onChange: (cents: number) => void }) {
  return (
    <label className="mini-field">
      <span>{label}</span>
      <input
        inputMode="decimal"
        defaultValue={centsToInput(cents)}
        onBlur={(e) => {
          const text = e.target.value.trim();
          const negative = text.startsWith('-');
          const parsed = parseMoneyInput(negative ? text.slice(1) : text);
          if (parsed !== null) onChange(negative ? -parsed : parsed);
          else e.target.value = centsToInput(cents);
        }}
      />
    </label>
  );
}

/** Modifier groups: name, how many choices, options with price changes, defaults, deltas by size. */
export function ModifierGroupsEditor({ groups, onChange }: { groups: ModifierGroup[]; onChange: (groups: ModifierGroup[]) => void }) {
  const sizes = groups.find((g) => g.groupId === SIZE_GROUP_ID)?.options ?? [];
  const setGroup = (index: number, change: Partial<ModifierGroup>) => onChange(groups.map((g, i) => (i === index ? { ...g, ...change } : g)));
  const setOption = (gi: number, oi: number, change: Partial<ModifierOption>) =>
    setGroup(gi, { options: groups[gi]!.options.map((o, i) => (i === oi ? { ...o, ...change } : o)) });

  return (
    <fieldset className="groups-editor">
      <legend>Modifier groups</legend>
      {groups.length === 0 && <p className="muted">No choices: this item rings up as it is.</p>}
      {groups.map((group, gi) => (
        <section key={group.groupId} className="group-editor" aria-label={`Group ${group.name || gi + 1}`}>
          <div className="group-head">
            <label className="mini-field grow">
              <span>Group name</span>
              <input value={group.name} onChange={(e) => setGroup(gi, { name: e.target.value })} />
            </label>
            <label className="mini-field">
              <span>Min</span>
              <input type="number" min={0} max={20} value={group.minChoices} onChange={(e) => setGroup(gi, { minChoices: Number(e.target.value) })} />
            </label>
            <label className="mini-field">
              <span>Max</span>
              <input type="number" min={1} max={20} value={group.maxChoices} onChange={(e) => setGroup(gi, { maxChoices: Number(e.target.value) })} />
            </label>
            <button type="button" className="btn btn-small btn-danger" onClick={() => onChange(groups.filter((_, i) => i !== gi))}>
              Remove group
            </button>
          </div>
          <ul className="option-rows">
            {group.options.map((option, oi) => (
              <li key={option.optionId} className="option-row">
                <label className="mini-field grow">
                  <span>Option</span>
                  <input value={option.name} onChange={(e) => setOption(gi, oi, { name: e.target.value })} />
                </label>
                <MoneyInput label="Price change" cents={option.priceDeltaCents} onChange={(c) => setOption(gi, oi, { priceDeltaCents: c })} />
                {group.groupId !== SIZE_GROUP_ID &&
                  sizes.map((size) => (
                    <MoneyInput
                      key={size.optionId}
                      label={`At ${size.name}`}
                      cents={option.deltaBySizeCents?.[size.optionId] ?? option.priceDeltaCents}
                      onChange={(c) => {
                        const bySize = { ...option.deltaBySizeCents, [size.optionId]: c };
                        if (c === option.priceDeltaCents) delete bySize[size.optionId];
                        setOption(gi, oi, { deltaBySizeCents: Object.keys(bySize).length > 0 ? bySize : undefined });
                      }}
                    />
                  ))}
                <label className="check-field">
                  <input
                    type="checkbox"
                    checked={group.defaultOptionIds.includes(option.optionId)}
                    onChange={(e) =>
                      setGroup(gi, {
                        defaultOptionIds: e.target.checked
                          ? group.maxChoices === 1
                            ? [option.optionId]
                            : [...group.defaultOptionIds, option.optionId]
                          : group.defaultOptionIds.filter((d) => d !== option.optionId),
                      })
                    }
                  />
                  Default
                </label>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() =>
                    setGroup(gi, {
                      options: group.options.filter((_, i) => i !== oi),
                      defaultOptionIds: group.defaultOptionIds.filter((d) => d !== option.optionId),
                    })
                  }
                >
                  Remove option
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              const name = `Option ${group.options.length + 1}`;
              setGroup(gi, { options: [...group.options, { optionId: slug(name, group.options.map((o) => o.optionId)), name, priceDeltaCents: 0 }] });
            }}
          >
            Add option
          </button>
        </section>
      ))}
      <button
        type="button"
        className="btn btn-quiet"
        onClick={() => {
          const name = groups.some((g) => g.groupId === SIZE_GROUP_ID) ? `Choice ${groups.length + 1}` : 'Size';
          onChange([
            ...groups,
            { groupId: slug(name, groups.map((g) => g.groupId)), name, minChoices: 0, maxChoices: 1, defaultOptionIds: [], options: [{ optionId: 'option-1', name: 'Option 1', priceDeltaCents: 0 }] },
          ]);
        }}
      >
        Add modifier group
      </button>
    </fieldset>
  );
}
