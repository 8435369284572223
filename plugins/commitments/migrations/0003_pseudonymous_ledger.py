from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('commitments', '0002_evidence_private_storage'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name='ledgerentry',
            old_name='actor',
            new_name='actor_key',
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='actor_key',
            field=models.CharField(max_length=150, verbose_name='操作人（化名）'),
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='kind',
            field=models.CharField(choices=[('approval', '审定公开'), ('status', '状态变更'), ('comment', '领导点评'), ('self_assessment', '党员自评'), ('import', '台账导入'), ('erasure', '个人信息删除')], max_length=20, verbose_name='类型'),
        ),
        migrations.CreateModel(
            name='LedgerActor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=40, unique=True, verbose_name='化名')),
                ('name', models.CharField(max_length=150, verbose_name='姓名')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='账户')),
            ],
            options={
                'verbose_name': '台账操作人',
                'verbose_name_plural': '台账操作人',
            },
        ),
        migrations.CreateModel(
            name='LedgerText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('field', models.CharField(max_length=20, verbose_name='字段')),
                ('salt', models.CharField(blank=True, max_length=32, verbose_name='盐值')),
                ('text', models.TextField(blank=True, verbose_name='内容')),
                ('erased', models.BooleanField(default=False, verbose_name='已应本人要求删除')),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='texts', to='commitments.ledgerentry', verbose_name='台账记录')),
            ],
            options={
                'verbose_name': '台账文字',
                'verbose_name_plural': '台账文字',
                'constraints': [models.UniqueConstraint(fields=('entry', 'field'), name='commitments_text_unique')],
            },
        ),
    ]
