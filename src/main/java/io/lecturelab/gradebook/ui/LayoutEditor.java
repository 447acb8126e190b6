package io.lecturelab.gradebook.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.gradebook.CategoryDraft;
import io.lecturelab.gradebook.GradebookLayout;
import io.lecturelab.gradebook.GradebookService;
import io.lecturelab.gradebook.ItemDraft;
import io.lecturelab.gradebook.ItemSource;
import io.lecturelab.security.ui.CurrentUser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instructor's layout: categories with their weights (a live sum that says plainly when they do not add up to
 * 100 — nothing is rescaled), items with their source, maximum and weight, and every assignment added to a category
 * in one step. Each change can carry a reason; all are kept in the layout history.
 */
class LayoutEditor extends Div {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private record CategoryRow(Long id, TextField name, BigDecimalField weight, Div row) {
    }

    private final GradebookService gradebook;
    private final long courseId;
    private final CurrentUser currentUser;
    private final Runnable changed;
    private final Div categoryRows = new Div();
    private final List<CategoryRow> rows = new ArrayList<>();
    private final Span sum = new Span();
    private final Div items = new Div();
    private final TextField categoryReason = new TextField();
    private GradebookLayout layout;

    LayoutEditor(GradebookService gradebook, long courseId, CurrentUser currentUser, Runnable changed) {
        this.gradebook = gradebook;
        this.courseId = courseId;
        this.currentUser = currentUser;
        this.changed = changed;
        setId("gradebook-layout");
        addClassName("gb-layout");
        sum.setId("gradebook-weight-sum");
        sum.getElement().setAttribute("role", "status");
        categoryRows.addClassName("gb-category-rows");
        items.setId("gradebook-items");
        items.addClassName("gb-items");
        categoryReason.setLabel(getTranslation("gradebook.layout.reason"));
        categoryReason.setId("gradebook-categories-reason");
        categoryReason.setMaxLength(500);
        categoryReason.addClassName("gb-wide-field");
        load();
    }

    private void load() {
        layout = gradebook.layout(courseId, currentUser.require());
        removeAll();
        rows.clear();
        categoryRows.removeAll();
        add(new H3(getTranslation("gradebook.layout.categories")),
                new Paragraph(getTranslation("gradebook.layout.categoriesHelp")));
        for (GradebookLayout.CategoryView c : layout.categories()) {
            addCategoryRow(c.id(), c.name(), c.weight());
        }
        Button more = new Button(getTranslation("gradebook.layout.addCategory"), VaadinIcon.PLUS.create(),
                e -> {
                    addCategoryRow(null, "", null);
                    rows.getLast().name().focus();
                    updateSum();
                });
        more.setId("gradebook-category-add");
        Button save = new Button(getTranslation("gradebook.layout.saveCategories"), e -> saveCategories());
        save.setId("gradebook-categories-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div actions = new Div(more, sum);
        actions.addClassName("gb-actions");
        Div saveRow = new Div(categoryReason, save);
        saveRow.addClassName("gb-actions");
        add(categoryRows, actions, saveRow);
        updateSum();
        add(new H3(getTranslation("gradebook.layout.items")));
        drawItems();
    }

    private void addCategoryRow(Long id, String name, BigDecimal weight) {
        int n = rows.size() + 1;
        TextField nameField = new TextField(getTranslation("gradebook.layout.categoryName"));
        nameField.setValue(name);
        nameField.setMaxLength(100);
        nameField.setId("gradebook-category-name-" + n);
        BigDecimalField weightField = new BigDecimalField(getTranslation("gradebook.layout.weight"));
        weightField.setValue(weight == null ? null : plain(weight));
        weightField.setSuffixComponent(new Span("%"));
        weightField.setValueChangeMode(ValueChangeMode.EAGER);
        weightField.addValueChangeListener(e -> updateSum());
        weightField.setId("gradebook-category-weight-" + n);
        weightField.addClassName("gb-number-field");
        Div row = new Div(nameField, weightField);
        row.addClassName("gb-category-row");
        CategoryRow r = new CategoryRow(id, nameField, weightField, row);
        Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
            rows.remove(r);
            categoryRows.remove(row);
            updateSum();
        });
        remove.setAriaLabel(getTranslation("gradebook.layout.removeCategory", name.isBlank() ? n : name));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        row.add(remove);
        rows.add(r);
        categoryRows.add(row);
    }

    /** "Adds up to 90 — must be 100", said plainly; nothing is rescaled. */
    private void updateSum() {
        BigDecimal total = rows.stream().map(r -> Optional.ofNullable(r.weight().getValue()).orElse(BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean ok = rows.isEmpty() || total.compareTo(HUNDRED) == 0;
        sum.setText(ok ? getTranslation("gradebook.layout.sumOk", Marks.number(total))
                : getTranslation("gradebook.layout.sumWrong", Marks.number(total)));
        sum.getElement().getThemeList().clear();
        sum.getElement().getThemeList().add(ok ? "badge success" : "badge error");
    }

    private void saveCategories() {
        List<CategoryDraft> drafts = rows.stream().map(r -> new CategoryDraft(r.id(), r.name().getValue(),
                r.weight().getValue())).toList();
        try {
            gradebook.saveCategories(courseId, drafts, layout.version(), categoryReason.getValue(),
                    currentUser.require());
            Notifications.success(getTranslation("gradebook.layout.saved"));
            categoryReason.clear();
            load();
            changed.run();
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    // --- items ----------------------------------------------------------------------------------------------------

    private void drawItems() {
        items.removeAll();
        for (GradebookLayout.CategoryView c : layout.categories()) {
            for (GradebookLayout.ItemView i : c.items()) {
                Div row = new Div();
                row.addClassName("gb-item-row");
                Span what = new Span(i.title());
                what.addClassName("gb-item-title");
                Span facts = new Span(getTranslation("gradebook.layout.itemFacts", c.name(),
                        getTranslation("gradebook.source." + i.source().name()), Marks.number(i.maxPoints()),
                        Marks.number(i.weight())));
                facts.addClassName("gb-meta");
                Button edit = new Button(getTranslation("gradebook.layout.editItem"), e -> itemForm(Optional.of(i)));
                edit.setAriaLabel(getTranslation("gradebook.layout.editItemOf", i.title()));
                edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                row.add(new Div(what, facts), edit);
                items.add(row);
            }
        }
        if (layout.categories().isEmpty()) {
            items.add(new Paragraph(getTranslation("gradebook.layout.noCategories")));
            add(items);
            return;
        }
        Button add = new Button(getTranslation("gradebook.layout.addItem"), VaadinIcon.PLUS.create(),
                e -> itemForm(Optional.empty()));
        add.setId("gradebook-item-add");
        Select<GradebookLayout.CategoryView> target = categorySelect(getTranslation("gradebook.layout.allTo"));
        target.setId("gradebook-all-target");
        layout.categories().stream().filter(c -> c.name().equalsIgnoreCase("Homework")
                || c.name().equals("과제")).findFirst().or(() -> layout.categories().stream().reduce((a, b) -> b))
                .ifPresent(target::setValue);
        Button all = new Button(getTranslation("gradebook.layout.addAll"), e -> {
            try {
                int n = gradebook.addAllAssignments(courseId, target.getValue().id(), currentUser.require());
                Notifications.success(getTranslation("gradebook.layout.added", n));
                load();
                changed.run();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        all.setId("gradebook-add-all");
        Div allRow = new Div(target, all);
        allRow.addClassName("gb-actions");
        Div addRow = new Div(add);
        addRow.addClassName("gb-actions");
        add(items, addRow, allRow);
    }

    private Select<GradebookLayout.CategoryView> categorySelect(String label) {
        Select<GradebookLayout.CategoryView> select = new Select<>();
        select.setLabel(label);
        select.setItems(layout.categories());
        select.setItemLabelGenerator(GradebookLayout.CategoryView::name);
        return select;
    }

    /** Adds an item, or changes or removes one, in a form under the list. */
    private void itemForm(Optional<GradebookLayout.ItemView> existing) {
        items.getChildren().filter(c -> c.getId().filter("gradebook-item-form"::equals).isPresent()).toList()
                .forEach(items::remove);
        Div form = new Div();
        form.setId("gradebook-item-form");
        form.addClassName("gb-item-form");
        TextField title = new TextField(getTranslation("gradebook.layout.itemTitle"));
        title.setId("gradebook-item-title");
        title.setMaxLength(200);
        Select<GradebookLayout.CategoryView> category = categorySelect(getTranslation("gradebook.layout.category"));
        category.setId("gradebook-item-category");
        Select<ItemSource> source = new Select<>();
        source.setLabel(getTranslation("gradebook.layout.source"));
        source.setItems(ItemSource.ENTERED, ItemSource.ATTENDANCE);
        source.setItemLabelGenerator(s -> getTranslation("gradebook.source." + s.name()));
        source.setValue(ItemSource.ENTERED);
        BigDecimalField max = new BigDecimalField(getTranslation("gradebook.layout.max"));
        max.setId("gradebook-item-max");
        max.addClassName("gb-number-field");
        BigDecimalField weight = new BigDecimalField(getTranslation("gradebook.layout.itemWeight"));
        weight.setId("gradebook-item-weight");
        weight.setValue(BigDecimal.ONE);
        weight.setHelperText(getTranslation("gradebook.layout.itemWeightHelp"));
        weight.addClassName("gb-number-field");
        TextField reason = new TextField(getTranslation("gradebook.layout.reason"));
        reason.setId("gradebook-item-reason");
        reason.setMaxLength(500);
        existing.ifPresentOrElse(i -> {
            title.setValue(i.title());
            layout.categories().stream().filter(c -> c.id() == i.categoryId()).findFirst().ifPresent(category::setValue);
            source.setValue(i.source() == ItemSource.ASSIGNMENT ? null : i.source());
            source.setReadOnly(true);
            if (i.source() == ItemSource.ASSIGNMENT) {
                source.setItems(ItemSource.ASSIGNMENT);
                source.setValue(ItemSource.ASSIGNMENT);
                max.setReadOnly(true);
            }
            max.setValue(plain(i.maxPoints()));
            weight.setValue(plain(i.weight()));
        }, () -> layout.categories().stream().findFirst().ifPresent(category::setValue));
        Button save = new Button(getTranslation(existing.isPresent() ? "gradebook.layout.saveItem"
                : "gradebook.layout.addItem"), e -> {
            if (category.getValue() == null) {
                Notifications.error(getTranslation("gradebook.error.categoryNotFound"));
                return;
            }
            try {
                ItemDraft draft = new ItemDraft(category.getValue().id(), title.getValue(), source.getValue(),
                        existing.flatMap(GradebookLayout.ItemView::assignmentId).orElse(null), max.getValue(),
                        weight.getValue(), existing.map(GradebookLayout.ItemView::version).orElse(0));
                if (existing.isPresent()) {
                    gradebook.updateItem(courseId, existing.get().id(), draft, reason.getValue(),
                            currentUser.require());
                } else {
                    gradebook.addItem(courseId, draft, currentUser.require());
                }
                Notifications.success(getTranslation("gradebook.layout.saved"));
                load();
                changed.run();
            } catch (UserFacingException refusal) {
                Notifications.error(refusal);
            }
        });
        save.setId("gradebook-item-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("gradebook.reason.cancel"), e -> items.remove(form));
        Div buttons = new Div(cancel, save);
        buttons.addClassName("gb-actions");
        form.add(title, category, source, max, weight);
        if (existing.isPresent()) {
            form.add(reason);
            Button remove = new Button(getTranslation("gradebook.layout.removeItem"), VaadinIcon.TRASH.create(), e -> {
                try {
                    gradebook.deleteItem(courseId, existing.get().id(), reason.getValue(), currentUser.require());
                    Notifications.success(getTranslation("gradebook.layout.removed", existing.get().title()));
                    load();
                    changed.run();
                } catch (UserFacingException refusal) {
                    Notifications.error(refusal);
                }
            });
            remove.setId("gradebook-item-remove");
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
            buttons.addComponentAsFirst(remove);
        }
        form.add(buttons);
        items.add(form);
        title.focus();
    }

    /** 30.00 as 30 (not 3E+1) in a number field. */
    private static BigDecimal plain(BigDecimal value) {
        return new BigDecimal(value.stripTrailingZeros().toPlainString());
    }
}
