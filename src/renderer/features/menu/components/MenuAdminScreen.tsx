import { useMemo, useState, type FormEvent } from 'react';
import type { AdminProduct, Category, ProductDraft } from '../../../../shared/menu';
import { centsToInput, formatCents, parseMoneyInput } from '../../../../shared/money';
import { PosCallError } from '../../../api/pos';
import { describeError, ErrorBanner, Field, Notice } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import {
  useAdminMenu,
  useArchiveProduct,
  useCreateProduct,
  useRollbackPrice,
  useSaveCategories,
  useSchedulePrice,
  useSetAvailable,
  useUpdateProduct,
} from '../queries';
import { ModifierGroupsEditor } from './ModifierGroupsEditor';
import { ShopSettingsDialog } from './ShopSettingsDialog';

const money = (c: number) => formatCents(c);

function draftOf(p: AdminProduct): ProductDraft {
  return { name: p.name, description: p.description, category: p.category, priceCents: p.priceCents, modifierGroups: p.modifierGroups, available: p.available, favourite: p.favourite ?? false, sortOrder: p.sortOrder };
}

const EMPTY: ProductDraft = { name: '', description: '', category: '', priceCents: 0, modifierGroups: [], available: true, sortOrder: 1000 };

export function MenuAdminScreen() {
  const admin = useAdminMenu();
  const [query, setQuery] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const [categoriesOpen, setCategoriesOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const products = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return (admin.data?.products ?? []).filter((p) => (showArchived || !p.archived) && (!needle || p.name.toLowerCase().includes(needle)));
  }, [admin.data, query, showArchived]);
  const categories = admin.data?.categories ?? [];
  const current = admin.data?.products.find((p) => p.productId === selected);

  return (
    <div className="menu-admin">
      <section className="menu-admin-list" aria-labelledby="menu-admin-title">
        <h1 id="menu-admin-title">Menu</h1>
        <div className="menu-admin-actions">
          {/* A new product starts in the first category, so wait until the categories are here. */}
          <button type="button" className="btn btn-primary" onClick={() => setSelected('new')} disabled={!admin.data}>
            New product
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => setCategoriesOpen(true)} disabled={!admin.data}>
            Categories
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => setSettingsOpen(true)}>
            Shop settings
          </button>
        </div>
        <Field label="Search products" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="check-field">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived
        </label>
        <ErrorBanner message={describeError(admin.error)?.message} />
        {categories.map((category) => {
          const inCategory = products.filter((p) => p.category === category.name);
          if (inCategory.length === 0) return null;
          return (
            <section key={category.categoryId} aria-labelledby={`cat-${category.categoryId}`}>
              <h2 id={`cat-${category.categoryId}`} className="section-title">
                {category.name}
              </h2>
              <ul className="admin-products">
                {inCategory.map((p) => (
                  <li key={p.productId}>
                    <button type="button" className="admin-product" aria-current={p.productId === selected ? 'true' : undefined} onClick={() => setSelected(p.productId)}>
                      <span>{p.name}</span>
                      <span>
                        {money(p.priceCents)}
                        {!p.available && !p.archived ? ' · Sold out' : ''}
                        {p.archived ? ' · Archived' : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </section>
      <section className="menu-admin-editor" aria-label="Product editor">
        {selected === 'new' && <ProductEditor key="new" categories={categories} onSaved={(p) => setSelected(p.productId)} />}
        {current && <ProductEditor key={`${current.productId}`} product={current} categories={categories} onSaved={(p) => setSelected(p.productId)} />}
        {!selected && <p className="muted">Choose a product to edit, or create a new one.</p>}
      </section>
      {settingsOpen && <ShopSettingsDialog onClose={() => setSettingsOpen(false)} />}
      {categoriesOpen && admin.data && (
        <CategoriesDialog categories={categories} version={admin.data.categoriesVersion} onClose={() => setCategoriesOpen(false)} />
      )}
    </div>
  );
}

const FIELD_LABELS: [keyof ProductDraft, string][] = [
  ['name', 'Name'],
  ['description', 'Description'],
  ['category', 'Category'],
  ['priceCents', 'Price'],
  ['available', 'Available'],
  ['favourite', 'Favourite'],
  ['sortOrder', 'Sort order'],
  ['modifierGroups', 'Modifier groups'],
];

/** A product saved before favourites existed has none: the same as not a favourite. */
function differs(a: Partial<ProductDraft>, b: Partial<ProductDraft>, field: keyof ProductDraft): boolean {
  if (field === 'favourite') return Boolean(a.favourite) !== Boolean(b.favourite);
  return JSON.stringify(a[field]) !== JSON.stringify(b[field]);
}

function show(field: keyof ProductDraft, value: unknown): string {
  if (field === 'priceCents') return money(value as number);
  if (field === 'available') return value ? 'Yes' : 'No (sold out)';
  if (field === 'favourite') return value ? 'Yes' : 'No';
  if (field === 'modifierGroups') return (value as ProductDraft['modifierGroups']).map((g) => `${g.name}: ${g.options.map((o) => o.name).join(', ')}`).join('; ') || 'None';
  return String(value);
}

function ProductEditor({ product, categories, onSaved }: { product?: AdminProduct; categories: Category[]; onSaved: (p: AdminProduct) => void }) {
  const [draft, setDraft] = useState<ProductDraft>(() => (product ? draftOf(product) : { ...EMPTY, category: categories[0]?.name ?? '' }));
  const [priceText, setPriceText] = useState(() => centsToInput(product?.priceCents ?? 0));
  const [base, setBase] = useState(product);
  const [conflict, setConflict] = useState<AdminProduct | null>(null);
  const [priceError, setPriceError] = useState<string>();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const setAvailable = useSetAvailable();
  const archive = useArchiveProduct();
  const saving = create.isPending || update.isPending;
  const error = describeError(create.error ?? update.error ?? setAvailable.error ?? archive.error);
  const fieldError = (name: string) => error?.fields[`product.${name}`];
  const current = product ?? base;

  const save = (event?: FormEvent, on?: AdminProduct) => {
    event?.preventDefault();
    const cents = parseMoneyInput(priceText);
    if (cents === null) {
      setPriceError('Enter a price like 4.50.');
      return;
    }
    setPriceError(undefined);
    const mine = { ...draft, priceCents: cents };
    // Reapplying after a conflict: only the fields this manager changed go on top of theirs, so
    // their other edits survive.
    const next: ProductDraft =
      on && base
        ? { ...draftOf(on), ...Object.fromEntries(FIELD_LABELS.filter(([f]) => differs(mine, base, f)).map(([f]) => [f, mine[f]])) }
        : mine;
    setDraft(next);
    if (on) setPriceText(centsToInput(next.priceCents));
    const target = on ?? base;
    const handlers = {
      onSuccess: (saved: AdminProduct) => {
        setConflict(null);
        setBase(saved);
        onSaved(saved);
      },
      onError: (e: Error) => {
        if (e instanceof PosCallError && e.code === 'CONFLICT' && e.details?.existing) setConflict(e.details.existing as AdminProduct);
      },
    };
    if (!target) create.mutate({ product: next }, handlers);
    else update.mutate({ productId: target.productId, expectedVersion: target.version, product: next }, handlers);
  };

  const changedFields = conflict && base ? FIELD_LABELS.filter(([f]) => differs(conflict, base, f)) : [];

  return (
    <div className="product-editor">
      <h2>{current ? `Edit ${current.name}` : 'New product'}</h2>
      {current?.archived && <Notice>This product is archived: it isn’t on the menu and can’t be changed.</Notice>}
      {conflict && (
        <section className="conflict" role="alert" aria-labelledby="conflict-title">
          <h3 id="conflict-title">Someone else saved {conflict.name} while you were editing</h3>
          <p>Their changes (by {conflict.updatedBy}):</p>
          <table className="ledger">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">Theirs</th>
                <th scope="col">Yours</th>
              </tr>
            </thead>
            <tbody>
              {changedFields.map(([f, label]) => (
                <tr key={f}>
                  <th scope="row">{label}</th>
                  <td>{show(f, base?.[f])}</td>
                  <td>{show(f, conflict[f])}</td>
                  <td>{show(f, f === 'priceCents' ? (parseMoneyInput(priceText) ?? draft.priceCents) : draft[f])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="modal-actions">
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                setDraft(draftOf(conflict));
                setPriceText(centsToInput(conflict.priceCents));
                setBase(conflict);
                setConflict(null);
              }}
            >
              Use theirs
            </button>
            <button type="button" className="btn btn-primary" onClick={() => save(undefined, conflict)}>
              Reapply my changes
            </button>
          </div>
        </section>
      )}
      <ErrorBanner message={error && !conflict && Object.keys(error.fields).length === 0 ? error.message : null} />
      <form onSubmit={save} noValidate>
        <fieldset disabled={current?.archived} className="plain-fieldset">
          <legend className="visually-hidden">Product</legend>
          <Field label="Name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} error={fieldError('name')} />
          <Field label="Description" value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} error={fieldError('description')} />
          <div className="field">
            <label htmlFor="product-category">Category</label>
            <select id="product-category" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
              {categories.map((c) => (
                <option key={c.categoryId} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
            {fieldError('category') && <p className="field-error">{fieldError('category')}</p>}
          </div>
          <div className="two-up">
            <Field label="Price" inputMode="decimal" value={priceText} onChange={(e) => setPriceText(e.target.value)} error={priceError ?? fieldError('priceCents')} />
            <Field label="Sort order" type="number" value={draft.sortOrder} onChange={(e) => setDraft({ ...draft, sortOrder: Number(e.target.value) })} error={fieldError('sortOrder')} />
          </div>
          <label className="check-field">
            <input type="checkbox" checked={draft.available} onChange={(e) => setDraft({ ...draft, available: e.target.checked })} /> Available (not sold out)
          </label>
          <label className="check-field">
            <input type="checkbox" checked={draft.favourite ?? false} onChange={(e) => setDraft({ ...draft, favourite: e.target.checked })} /> Favourite (first row on the register)
          </label>
          <ModifierGroupsEditor groups={draft.modifierGroups} onChange={(modifierGroups) => setDraft({ ...draft, modifierGroups })} />
          <div className="modal-actions">
            {current && (
              <>
                <button
                  type="button"
                  className="btn btn-quiet"
                  onClick={() => setAvailable.mutate({ productId: current.productId, available: !current.available }, { onSuccess: () => setDraft({ ...draft, available: !current.available }) })}
                >
                  {current.available ? 'Mark sold out' : 'Back in stock'}
                </button>
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => window.confirm(`Archive ${current.name}? It leaves the menu; old orders keep it.`) && archive.mutate({ productId: current.productId, expectedVersion: current.version })}
                >
                  Archive
                </button>
              </>
            )}
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {saving ? 'Saving…' : current ? 'Save changes' : 'Create product'}
            </button>
          </div>
        </fieldset>
      </form>
      {current && !current.archived && <ScheduledPrice product={current} />}
      {current && <PriceHistory product={current} />}
    </div>
  );
}

function ScheduledPrice({ product }: { product: AdminProduct }) {
  const schedule = useSchedulePrice();
  const [price, setPrice] = useState('');
  const [when, setWhen] = useState('');
  const [local, setLocal] = useState<{ price?: string; when?: string }>({});
  const error = describeError(schedule.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = parseMoneyInput(price);
    const at = when ? new Date(when) : null;
    const problems = { price: cents === null ? 'Enter a price like 4.75.' : undefined, when: !at || Number.isNaN(at.getTime()) ? 'Choose a date and time.' : undefined };
    setLocal(problems);
    if (problems.price || problems.when || cents === null || !at) return;
    schedule.mutate({ productId: product.productId, expectedVersion: product.version, schedule: { priceCents: cents, effectiveAt: at.toISOString() } });
  };

  return (
    <section className="schedule" aria-labelledby="schedule-title">
      <h3 id="schedule-title">Scheduled price</h3>
      <ErrorBanner message={error?.message} />
      {product.scheduledPrice ? (
        <p>
          Changes to <strong>{money(product.scheduledPrice.priceCents)}</strong> on {new Date(product.scheduledPrice.effectiveAt).toLocaleString()}.{' '}
          <button type="button" className="btn btn-link" onClick={() => schedule.mutate({ productId: product.productId, expectedVersion: product.version, schedule: null })}>
            Cancel scheduled price
          </button>
        </p>
      ) : (
        <form onSubmit={submit} className="two-up" noValidate>
          <Field label="New price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} error={local.price} />
          <Field label="Takes effect" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} error={local.when ?? error?.fields['schedule.effectiveAt']} />
          <button type="submit" className="btn btn-secondary" disabled={schedule.isPending}>
            Schedule price
          </button>
        </form>
      )}
    </section>
  );
}

const KIND_LABEL = { edit: 'Changed', rollback: 'Rolled back', scheduled: 'Scheduled', 'schedule-applied': 'Scheduled price took effect', 'schedule-cancelled': 'Schedule cancelled' } as const;

function PriceHistory({ product }: { product: AdminProduct }) {
  const rollback = useRollbackPrice();
  const earlier = [...new Set(product.priceHistory.flatMap((h) => [h.fromCents, h.toCents]))].filter((c) => c !== product.priceCents);
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title">Price history</h3>
      <ErrorBanner message={describeError(rollback.error)?.message} />
      {product.priceHistory.length === 0 ? (
        <p className="muted">No price changes yet.</p>
      ) : (
        <table className="ledger">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {product.priceHistory.toReversed().map((h, i) => (
              <tr key={i}>
                <td>{new Date(h.at).toLocaleString()}</td>
                <td>{h.by}</td>
                <td>
                  {KIND_LABEL[h.kind]}: {money(h.fromCents)} → {money(h.toCents)}
                  {h.effectiveAt ? ` from ${new Date(h.effectiveAt).toLocaleString()}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!product.archived && earlier.length > 0 && (
        <div className="rollback-buttons">
          {earlier.map((c) => (
            <button key={c} type="button" className="btn btn-small" onClick={() => rollback.mutate({ productId: product.productId, expectedVersion: product.version, toPriceCents: c })}>
              Roll back to {money(c)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

function CategoriesDialog({ categories, version, onClose }: { categories: Category[]; version: number; onClose: () => void }) {
  const [list, setList] = useState(categories);
  const [newName, setNewName] = useState('');
  const save = useSaveCategories();
  const move = (i: number, step: -1 | 1) => {
    const next = [...list];
    const [item] = next.splice(i, 1);
    next.splice(i + step, 0, item!);
    setList(next);
  };
  return (
    <Modal title="Categories" onClose={onClose}>
      <p className="muted">The register shows categories in this order.</p>
      <ErrorBanner message={describeError(save.error)?.message} />
      <ol className="category-list">
        {list.map((c, i) => (
          <li key={c.categoryId}>
            <label className="mini-field grow">
              <span>Category {i + 1}</span>
              <input value={c.name} onChange={(e) => setList(list.map((x) => (x.categoryId === c.categoryId ? { ...x, name: e.target.value } : x)))} />
            </label>
            <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
              Up
            </button>
            <button type="button" className="btn btn-small" disabled={i === list.length - 1} onClick={() => move(i, 1)}>
              Down
            </button>
            <button type="button" className="btn btn-small" onClick={() => setList(list.filter((x) => x.categoryId !== c.categoryId))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <form
        className="two-up"
        onSubmit={(e) => {
          e.preventDefault();
          const name = newName.trim();
          if (!name) return;
          const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || `category-${list.length + 1}`;
          setList([...list, { categoryId: id, name, sortOrder: list.length + 1 }]);
          setNewName('');
        }}
      >
        <Field label="New category" value={newName} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit" className="btn btn-quiet">
          Add category
        </button>
      </form>
      <div className="modal-actions">
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={save.isPending}
          onClick={() => save.mutate({ expectedVersion: version, categories: list.map((c, i) => ({ ...c, sortOrder: i + 1 })) }, { onSuccess: onClose })}
        >
          Save categories
        </button>
      </div>
    </Modal>
  );
}
