"""Create the "Editors" group: may curate coverage records, may not manage users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITED_MODELS = [
    "summit", "document", "actor", "actoralias", "topic", "term", "event", "statement",
    "meeting", "response", "membership",
]


def create_editors(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the group gets them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    perms = Permission.objects.filter(
        content_type__app_label="coverage", content_type__model__in=EDITED_MODELS
    )
    history = Permission.objects.filter(
        content_type__app_label="coverage",
        content_type__model__startswith="historical",
        codename__startswith="view_",
    )
    group.permissions.set([*perms, *history])


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coverage", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
