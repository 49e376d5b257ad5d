"""Existing districts forward to the funding authority if there is exactly one (today: Bezirksregierung Arnsberg,
Kompetenzzentrum für Integration, responsible for all agencies in the state). With none or several, the
administration assigns it per district; nothing is guessed."""

from django.db import migrations


def assign_single_authority(apps, schema_editor):
    FundingAuthority = apps.get_model("agencies", "FundingAuthority")
    DistrictAssociation = apps.get_model("agencies", "DistrictAssociation")
    authorities = list(FundingAuthority.objects.all()[:2])
    if len(authorities) == 1:
        DistrictAssociation.objects.filter(funding_authority__isnull=True).update(funding_authority=authorities[0])


class Migration(migrations.Migration):
    dependencies = [("agencies", "0004_staff_changes")]

    operations = [migrations.RunPython(assign_single_authority, migrations.RunPython.noop)]
